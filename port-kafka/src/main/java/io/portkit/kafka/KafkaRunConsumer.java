package io.portkit.kafka;

import io.portkit.backend.PortBackend;
import io.portkit.backend.dispatch.InvocationDispatcher;
import io.portkit.backend.dispatch.RunDispatcher;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.client.PortClient;
import io.portkit.kafka.internal.AssignmentState;
import io.portkit.kafka.internal.ConsumerLoop;
import io.portkit.kafka.internal.RecordHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member of the consumer group that reads Port's runs from {@code ORG_ID.runs} and hands each
 * verified run to the same dispatcher (and so the same handlers) as webhooks.
 *
 * <pre>{@code
 * try (PortBackend backend = PortBackend.builder()
 *         .credentials(ClientCredentials.fromEnv()).handle("deploy", deploy).build();
 *     KafkaRunConsumer consumer = KafkaRunConsumer.builder()
 *         .settings(KafkaSettings.fromEnv(System.getenv()))
 *         .backend(backend)
 *         .start()) {
 *   stop.await();
 * } // the consumer closes first (commits, leaves the group), then the backend settles runs
 * }</pre>
 *
 * <p><b>Delivery</b>: at least once. An offset is committed only after the dispatcher took the run
 * (or the message was skipped); with a dispatcher {@code journal}, "took" means recorded on disk,
 * so a crash after the commit cannot lose the run (the restart ends or resumes it); a run refused
 * for capacity or shutdown is re-read after {@code retryBackoff}. Dedupe: the dispatcher remembers
 * run ids it took, and with a {@link PortClient} a run that already ended in Port is not executed
 * again (ADR 0140).
 *
 * <p><b>Rebalances</b>: offsets of the messages already handled are committed before a partition
 * moves; the runs taken keep running here, the untaken messages go to the new owner (ADR 0142).
 *
 * <p><b>Shutdown</b>: {@link #close()} stops polling, commits, and leaves the group so the others
 * take over at once. It does not close the dispatcher: close that next, so runs in flight finish or
 * end FAILURE ({@code "backend shut down"}), never left IN_PROGRESS.
 *
 * <p>Thread-safe. One background thread per consumer.
 */
public final class KafkaRunConsumer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaRunConsumer.class);

  /** Default wait before a message refused for capacity is read again. */
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(1);

  /** Default longest single poll; bounds how late a paused partition is resumed. */
  public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(200);

  /** How long {@link #close()} waits for the loop to commit and leave the group. */
  public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaSettings settings;
  private final ConsumerLoop loop;
  private final AssignmentState assignment = new AssignmentState();
  private final Thread thread;
  private final boolean durable;

  private KafkaRunConsumer(Builder b) {
    this.settings = b.settings;
    this.durable =
        (b.dispatcher instanceof RunDispatcher d && d.isDurable())
            || (b.dispatcher instanceof PortBackend backend && backend.dispatcher().isDurable());
    Properties props = settings.consumerProperties();
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    RecordHandler handler = new RecordHandler(b.reader, b.dispatcher, b.client);
    this.loop =
        new ConsumerLoop(
            consumer,
            settings.topic(),
            handler,
            b.clock,
            b.pollTimeout,
            b.retryBackoff,
            assignment);
    this.thread = new Thread(loop, "portkit-kafka-" + settings.groupId());
    thread.setDaemon(true);
  }

  /** Returns a builder; settings, reader and dispatcher are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the partitions this member holds now (empty before the first assignment). */
  public Set<TopicPartition> assignment() {
    return assignment.get();
  }

  /**
   * Waits until this member holds at least one partition: a readiness signal. With more members
   * than partitions some never get one; that is how Kafka scales (see docs/scaling.md).
   *
   * @return true if a partition is held; false on timeout or interruption (the flag is kept)
   */
  public boolean awaitAssignment(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout == null");
    return assignment.awaitAny(timeout);
  }

  /**
   * Waits until the consumer has stopped, at most {@code timeout}.
   *
   * @return true if it stopped cleanly
   * @throws KafkaConsumerException if it stopped on a Kafka error (bad brokers, credentials, ACL)
   */
  public boolean awaitTermination(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout == null");
    try {
      loop.terminated().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      throw new KafkaConsumerException(
          "consuming "
              + settings.topic()
              + " as group "
              + settings.groupId()
              + " failed: "
              + e.getCause().getMessage(),
          e.getCause());
    }
  }

  /**
   * Stops polling, commits the offsets of messages handled, and leaves the group. Runs already
   * handed to the dispatcher are not touched. Idempotent.
   */
  @Override
  public void close() {
    loop.stop();
    try {
      // A failed loop is already logged; close only waits for it to be over.
      loop.terminated().handle((v, e) -> null).get(CLOSE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("Kafka consumer of {} did not stop within {}", settings.topic(), CLOSE_TIMEOUT);
    }
  }

  @Override
  public String toString() {
    return "KafkaRunConsumer[topic="
        + settings.topic()
        + ", groupId="
        + settings.groupId()
        + ", assignment="
        + assignment.get()
        + "]";
  }

  private KafkaRunConsumer begin() {
    if (!durable) {
      log.warn(
          "offsets of {} are committed once the dispatcher took a run, but it has no journal:"
              + " a crash loses the runs in flight (they stay IN_PROGRESS); give the RunDispatcher a"
              + " journal(RunJournal.open(dir)) so a restart ends or resumes them",
          settings.topic());
    }
    thread.start();
    log.info(
        "consuming {} as group {} from {}",
        settings.topic(),
        settings.groupId(),
        settings.brokers());
    return this;
  }

  /** Configures and starts a {@link KafkaRunConsumer}. Not thread-safe; build once. */
  public static final class Builder {
    private KafkaSettings settings;
    private RunMessageReader reader;
    private InvocationDispatcher dispatcher;
    private PortClient client;
    private SignatureVerifier backendVerifier;
    private Clock clock = Clock.systemUTC();
    private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
    private Duration pollTimeout = DEFAULT_POLL_TIMEOUT;

    private Builder() {}

    /** Sets brokers, credentials, topic and group (required). */
    public Builder settings(KafkaSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings == null");
      return this;
    }

    /**
     * Consumes for {@code backend}: its dispatcher takes the runs, its client skips runs that
     * already ended in Port, and, unless {@link #reader} is set, messages are verified with its
     * secrets and {@link RunMessageReader#DEFAULT_TOLERANCE}. Close the consumer first, then the
     * backend.
     */
    public Builder backend(PortBackend backend) {
      Objects.requireNonNull(backend, "backend == null");
      this.dispatcher = backend;
      this.client = backend.client();
      this.backendVerifier = backend.verifier();
      return this;
    }

    /** Sets the message verifier and filter; required unless {@link #backend} is set. */
    public Builder reader(RunMessageReader reader) {
      this.reader = Objects.requireNonNull(reader, "reader == null");
      return this;
    }

    /** Sets where runs go (required); normally the webhook backend's {@code RunDispatcher}. */
    public Builder dispatcher(InvocationDispatcher dispatcher) {
      this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher == null");
      return this;
    }

    /**
     * Sets the Port client used to skip runs that already ended in Port (one GET per message);
     * recommended, since it dedupes redeliveries across members. Without it only the dispatcher's
     * in-process memory dedupes.
     */
    public Builder client(PortClient client) {
      this.client = Objects.requireNonNull(client, "client == null");
      return this;
    }

    /** Sets the clock for retry back-off; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Sets the wait before a message refused for capacity is read again; default 1 s. */
    public Builder retryBackoff(Duration backoff) {
      this.retryBackoff = positive(backoff, "retryBackoff");
      return this;
    }

    /** Sets the longest single poll; default 200 ms. */
    public Builder pollTimeout(Duration timeout) {
      this.pollTimeout = positive(timeout, "pollTimeout");
      return this;
    }

    /**
     * Creates the Kafka consumer, subscribes in the background and starts consuming.
     *
     * @throws IllegalStateException if settings, reader or dispatcher is missing
     * @throws org.apache.kafka.common.KafkaException if Kafka rejects the configuration
     */
    public KafkaRunConsumer start() {
      if (settings == null) {
        throw new IllegalStateException(
            "settings required: call settings(KafkaSettings.fromEnv(System.getenv()))");
      }
      if (reader == null && backendVerifier != null) {
        reader = RunMessageReader.builder().verifier(backendVerifier).build();
      }
      if (reader == null) {
        throw new IllegalStateException(
            "reader required: call reader(RunMessageReader.builder().secret(clientSecret).build())");
      }
      if (dispatcher == null) {
        throw new IllegalStateException(
            "dispatcher required: call backend(portBackend), or dispatcher(runDispatcher)");
      }
      return new KafkaRunConsumer(this).begin();
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what + " == null");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, got " + d);
      }
      return d;
    }
  }
}
