package io.portkit.kafka.internal;

import io.portkit.kafka.internal.RecordHandler.Decision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll loop of one consumer group member. Offsets are committed synchronously after each batch,
 * and only up to the last message the dispatcher took (or skipped); a message refused for capacity
 * or shutdown is re-read later from its partition, which is paused meanwhile, so order within a
 * partition holds and nothing is committed past it.
 *
 * <p>On revocation the processed offsets are committed before the partition moves; runs already
 * taken keep running in this process's dispatcher and are not delivered to the new owner.
 *
 * <p>Every method except {@link #stop()} and the accessors runs on the loop thread only: {@link
 * Consumer} is not thread-safe.
 */
public final class ConsumerLoop implements Runnable, ConsumerRebalanceListener {
  private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);

  private final Consumer<byte[], byte[]> consumer;
  private final String topic;
  private final RecordHandler handler;
  private final Clock clock;
  private final Duration pollTimeout;
  private final Duration retryBackoff;
  private final Map<TopicPartition, OffsetAndMetadata> processed = new HashMap<>();
  private final Map<TopicPartition, Instant> pausedUntil = new HashMap<>();
  private final AssignmentState assignment;
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  private volatile boolean running = true;

  /** Creates the loop; {@link #run()} subscribes and polls until {@link #stop()}. */
  public ConsumerLoop(
      Consumer<byte[], byte[]> consumer,
      String topic,
      RecordHandler handler,
      Clock clock,
      Duration pollTimeout,
      Duration retryBackoff,
      AssignmentState assignment) {
    this.consumer = Objects.requireNonNull(consumer, "consumer == null");
    this.topic = Objects.requireNonNull(topic, "topic == null");
    this.handler = Objects.requireNonNull(handler, "handler == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.pollTimeout = Objects.requireNonNull(pollTimeout, "pollTimeout == null");
    this.retryBackoff = Objects.requireNonNull(retryBackoff, "retryBackoff == null");
    this.assignment = Objects.requireNonNull(assignment, "assignment == null");
  }

  /**
   * Completes when the loop has ended and the consumer is closed; exceptionally on a fatal error.
   */
  public CompletableFuture<Void> terminated() {
    return terminated;
  }

  /** Asks the loop to end after the message in hand; callable from any thread. */
  public void stop() {
    running = false;
    consumer.wakeup();
  }

  @Override
  public void run() {
    Throwable failure = null;
    try {
      consumer.subscribe(List.of(topic), this);
      while (running) {
        pollOnce();
      }
    } catch (WakeupException e) {
      // stop() woke the consumer: the normal way out.
    } catch (RuntimeException e) {
      // Kafka itself failed (brokers, credentials, ACLs): messages cannot end the loop, see below.
      failure = e;
      log.error(
          "consuming {} stopped: {}: check the brokers, credentials and ACLs", topic, e.toString());
    } finally {
      closeConsumer();
      if (failure == null) {
        terminated.complete(null);
      } else {
        terminated.completeExceptionally(failure);
      }
    }
  }

  private void pollOnce() {
    resumeDue();
    ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout);
    for (TopicPartition tp : records.partitions()) {
      for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
        if (!running) {
          break;
        }
        String where = tp + "@" + r.offset();
        if (handle(where, r.value()) == Decision.RETRY) {
          consumer.seek(tp, r.offset());
          consumer.pause(List.of(tp));
          pausedUntil.put(tp, clock.instant().plus(retryBackoff));
          break;
        }
        processed.put(tp, new OffsetAndMetadata(r.offset() + 1));
      }
    }
    commitProcessed();
  }

  /**
   * Handles one message; one whose handling throws (a bug, or input nobody foresaw) would throw
   * again every time it is read and stop the partition for good, so it is logged once and its
   * offset moves on. Nothing was started for it: the dispatcher accepts a run only by returning.
   */
  private Decision handle(String where, byte[] value) {
    try {
      return handler.handle(where, value);
    } catch (RuntimeException e) {
      log.error(
          "message {} could not be handled ({}): skipped, its offset moves on and no run was"
              + " started for it",
          where,
          e.toString());
      return Decision.COMMIT;
    }
  }

  private void resumeDue() {
    Instant now = clock.instant();
    Set<TopicPartition> due = new HashSet<>();
    pausedUntil.forEach(
        (tp, until) -> {
          if (!now.isBefore(until)) {
            due.add(tp);
          }
        });
    if (!due.isEmpty()) {
      due.forEach(pausedUntil::remove);
      due.retainAll(consumer.assignment());
      consumer.resume(due);
    }
  }

  private void commitProcessed() {
    if (processed.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(processed);
    try {
      consumer.commitSync(offsets);
      processed.keySet().removeAll(offsets.keySet());
      log.debug("committed {}", offsets);
    } catch (WakeupException e) {
      // Stopping: closeConsumer() commits what is left once more.
      throw e;
    } catch (KafkaException e) {
      // The group moved on without us (for example after a long GC): those messages go to the
      // new owner; runs this process already took are deduped there by Port's status.
      processed.clear();
      log.warn(
          "offset commit failed ({}): messages after the last commit will be redelivered",
          e.toString());
    }
  }

  private void closeConsumer() {
    try {
      if (!processed.isEmpty()) {
        consumer.commitSync(new HashMap<>(processed), Duration.ofSeconds(10));
        processed.clear();
      }
    } catch (KafkaException e) {
      log.warn(
          "final offset commit failed ({}): the new owner re-reads those messages", e.toString());
    } finally {
      try {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(10)));
      } catch (KafkaException e) {
        log.warn("closing the Kafka consumer failed: {}", e.toString());
      }
      assignment.set(Set.of());
    }
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> mine = new HashMap<>();
    for (TopicPartition tp : partitions) {
      OffsetAndMetadata o = processed.remove(tp);
      if (o != null) {
        mine.put(tp, o);
      }
      pausedUntil.remove(tp);
    }
    if (!mine.isEmpty()) {
      try {
        consumer.commitSync(mine);
      } catch (KafkaException e) {
        log.warn(
            "commit on revocation failed ({}): the new owner re-reads those messages",
            e.toString());
      }
    }
    log.info(
        "partitions revoked {}: runs already taken finish here; the rest goes to the new owner",
        partitions);
    assignment.set(without(partitions));
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    for (TopicPartition tp : partitions) {
      processed.remove(tp);
      pausedUntil.remove(tp);
    }
    log.warn(
        "partitions lost {}: uncommitted messages will be redelivered to their new owner",
        partitions);
    assignment.set(without(partitions));
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    log.info("partitions assigned {}", partitions);
    assignment.set(new HashSet<>(consumer.assignment()));
  }

  private Set<TopicPartition> without(Collection<TopicPartition> gone) {
    Set<TopicPartition> left = new HashSet<>(consumer.assignment());
    left.removeAll(gone);
    return left;
  }
}
