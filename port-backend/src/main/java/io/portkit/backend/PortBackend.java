package io.portkit.backend;

import io.portkit.backend.dispatch.AutomationHandler;
import io.portkit.backend.dispatch.DispatchOutcome;
import io.portkit.backend.dispatch.HandOffs;
import io.portkit.backend.dispatch.HandlerOptions;
import io.portkit.backend.dispatch.IntakeRejection;
import io.portkit.backend.dispatch.InvocationDispatcher;
import io.portkit.backend.dispatch.RunDispatcher;
import io.portkit.backend.dispatch.RunHandler;
import io.portkit.backend.dispatch.RunListener;
import io.portkit.backend.dispatch.TypedRunHandler;
import io.portkit.backend.dispatch.WorkflowNodeHandler;
import io.portkit.backend.invocation.RunInvocation;
import io.portkit.backend.invocation.SecretDecryptor;
import io.portkit.backend.invocation.SignatureException;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.backend.journal.RunJournal;
import io.portkit.client.PortClient;
import io.portkit.client.auth.ClientCredentials;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A Port backend: your handlers, the Port API client they report through, the verifier of what Port
 * sends, and the dispatcher that makes sure every run ends. One object, handed to a host: the JDK
 * receiver, a servlet container, Spring Boot or a Kafka consumer.
 *
 * <pre>{@code
 * record RestartInputs(String service, int durationMinutes) {}
 *
 * PortBackend backend = PortBackend.builder()
 *     .credentials(ClientCredentials.fromEnv()) // Port API tokens, and the webhook signature
 *     .handle("restart_service", RestartInputs.class, (inputs, run, ctx) -> {
 *       ctx.log("Restarting " + inputs.service());
 *     })                                        // return = SUCCESS, throw = FAILURE
 *     .build();
 * WebhookReceiver.serve(backend, 8080).awaitShutdown();
 * }</pre>
 *
 * <p>The client secret serves twice: it obtains API tokens and it is the key Port signs webhooks
 * and Kafka messages with. {@link Builder#verifier(SignatureVerifier)} replaces the verifier that
 * {@link Builder#credentials} implies (for example with a second secret during a rotation).
 *
 * <p>Thread-safe. {@link #close()} stops taking runs and ends those in flight (see {@link
 * RunDispatcher#shutdown(Duration)}); hosts call it after their intake has stopped.
 */
public final class PortBackend implements InvocationDispatcher, AutoCloseable {
  private final PortClient client;
  private final SignatureVerifier verifier;
  private final RunDispatcher dispatcher;
  private final RunListener listener;

  private PortBackend(
      PortClient client,
      SignatureVerifier verifier,
      RunDispatcher dispatcher,
      RunListener listener) {
    this.client = client;
    this.verifier = verifier;
    this.dispatcher = dispatcher;
    this.listener = listener;
  }

  /** Returns a builder; credentials (or a client and a verifier) and one handler are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the Port API client handlers report through. */
  public PortClient client() {
    return client;
  }

  /** Returns the verifier hosts check each delivery with. */
  public SignatureVerifier verifier() {
    return verifier;
  }

  /**
   * Returns the listeners given to {@link Builder#listener(RunListener)}, as one (a no-op without
   * any). A host calls {@link RunListener#intakeRejected} with {@link IntakeRejection#BODY} for a
   * delivery it refuses before the core sees it; the dispatcher and the verifier report the rest.
   */
  public RunListener listener() {
    return listener;
  }

  /** Returns the dispatcher: in flight, idle wait, shutdown. */
  public RunDispatcher dispatcher() {
    return dispatcher;
  }

  /**
   * Returns the runs handlers handed to other systems, and the way to complete them by external id
   * or run id; see {@link HandOffs}.
   */
  public HandOffs handOffs() {
    return dispatcher.handOffs();
  }

  /** Takes a verified run; see {@link RunDispatcher#dispatch(RunInvocation)}. */
  @Override
  public DispatchOutcome dispatch(RunInvocation invocation) {
    return dispatcher.dispatch(invocation);
  }

  /** Returns how many runs are executing or being reported now. */
  public int inFlight() {
    return dispatcher.inFlight();
  }

  /**
   * Waits until no run is in flight, at most {@code timeout}.
   *
   * @return true if none was in flight when it returned
   */
  public boolean awaitIdle(Duration timeout) {
    return dispatcher.awaitIdle(timeout);
  }

  /** Stops taking runs and settles those in flight; idempotent. */
  @Override
  public void close() {
    dispatcher.close();
  }

  @Override
  public String toString() {
    return "PortBackend[api=" + client.baseUri() + ", durable=" + dispatcher.isDurable() + "]";
  }

  /** Configures a {@link PortBackend}. Not thread-safe. */
  public static final class Builder {
    private @Nullable ClientCredentials credentials;
    private @Nullable URI apiUrl;
    private @Nullable PortClient client;
    private @Nullable SignatureVerifier verifier;
    private @Nullable Duration tolerance;
    private final List<String> extraSecrets = new ArrayList<>();
    private final SecretDecryptor.Builder secrets = SecretDecryptor.builder();
    private @Nullable SecretDecryptor decryptor;
    private final List<RunListener> listeners = new ArrayList<>();
    private final List<Consumer<PortClient.Builder>> clientSettings = new ArrayList<>();
    private final RunDispatcher.Builder dispatcher = RunDispatcher.builder();

    private Builder() {}

    /**
     * Sets the organization's credentials: the client obtains API tokens with them, and webhooks
     * and Kafka messages are verified with the secret. {@link ClientCredentials#fromEnv()} reads
     * {@code PORT_CLIENT_ID} and {@code PORT_CLIENT_SECRET}.
     */
    public Builder credentials(ClientCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials == null");
      return this;
    }

    /**
     * Sets Port's API base URL; default {@link PortClient#EU_API}, {@link PortClient#US_API} for an
     * organization on app.us.port.io, or an emulator's URL in tests. Ignored with {@link
     * #client(PortClient)}.
     */
    public Builder apiUrl(URI apiUrl) {
      this.apiUrl = Objects.requireNonNull(apiUrl, "apiUrl == null");
      return this;
    }

    /** Uses {@code client} instead of building one from {@link #credentials}. */
    public Builder client(PortClient client) {
      this.client = Objects.requireNonNull(client, "client == null");
      return this;
    }

    /**
     * Applies {@code settings} to the client built from {@link #credentials} (timeouts, an HTTP
     * client, instrumentation such as {@code port-micrometer}'s); may be called more than once.
     * Ignored with {@link #client(PortClient)}.
     */
    public Builder clientSettings(Consumer<PortClient.Builder> settings) {
      clientSettings.add(Objects.requireNonNull(settings, "settings == null"));
      return this;
    }

    /** Uses {@code verifier} instead of the one {@link #credentials} implies. */
    public Builder verifier(SignatureVerifier verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier == null");
      return this;
    }

    /**
     * Also accepts deliveries signed with {@code secret}, and decrypts secret inputs encrypted with
     * it: add the old secret while rotating the client secret in Port. Ignored for signatures with
     * {@link #verifier(SignatureVerifier)}.
     */
    public Builder addVerificationSecret(String secret) {
      Objects.requireNonNull(secret, "secret == null");
      if (secret.isEmpty()) {
        throw new IllegalArgumentException("secret is empty: pass a Port client secret");
      }
      extraSecrets.add(secret);
      return this;
    }

    /**
     * Sets how far a delivery's signing time may be from now; default {@link
     * SignatureVerifier#DEFAULT_TOLERANCE}. Ignored with {@link #verifier(SignatureVerifier)}.
     */
    public Builder tolerance(Duration tolerance) {
      this.tolerance = Objects.requireNonNull(tolerance, "tolerance == null");
      return this;
    }

    /** Runs {@code handler} for the asynchronous action {@code actionId}. */
    public Builder handle(String actionId, RunHandler handler) {
      dispatcher.handle(actionId, handler);
      return this;
    }

    /** Runs {@code handler} for {@code actionId} with {@code options}. */
    public Builder handle(String actionId, RunHandler handler, HandlerOptions options) {
      dispatcher.handle(actionId, handler, options);
      return this;
    }

    /** Runs {@code handler} for {@code actionId} with its inputs bound to {@code inputsType}. */
    public <T> Builder handle(String actionId, Class<T> inputsType, TypedRunHandler<T> handler) {
      dispatcher.handle(actionId, inputsType, handler);
      return this;
    }

    /**
     * Runs {@code handler} for {@code actionId}, inputs bound to {@code inputsType}, with options.
     */
    public <T> Builder handle(
        String actionId, Class<T> inputsType, TypedRunHandler<T> handler, HandlerOptions options) {
      dispatcher.handle(actionId, inputsType, handler, options);
      return this;
    }

    /**
     * Runs {@code handler} for the automation {@code automationId} (asynchronously); see {@link
     * AutomationHandler}.
     */
    public Builder automation(String automationId, AutomationHandler handler) {
      dispatcher.automation(automationId, handler);
      return this;
    }

    /** Runs {@code handler} for the automation {@code automationId} with {@code options}. */
    public Builder automation(
        String automationId, AutomationHandler handler, HandlerOptions options) {
      dispatcher.automation(automationId, handler, options);
      return this;
    }

    /**
     * Runs {@code handler} for workflow node {@code nodeIdentifier} (Port Workflows, beta),
     * synchronized as webhook nodes are by default; see {@link
     * RunDispatcher.Builder#workflowNode(String, WorkflowNodeHandler)}.
     */
    public Builder workflowNode(String nodeIdentifier, WorkflowNodeHandler handler) {
      dispatcher.workflowNode(nodeIdentifier, handler);
      return this;
    }

    /** Runs {@code handler} for workflow node {@code nodeIdentifier} with {@code options}. */
    public Builder workflowNode(
        String nodeIdentifier, WorkflowNodeHandler handler, HandlerOptions options) {
      dispatcher.workflowNode(nodeIdentifier, handler, options);
      return this;
    }

    /**
     * Adds an RSA private key (PEM file, PKCS#8) for secret inputs with client-side encryption
     * ({@code "encryption": {"algorithm": "client-side", "key": "<public key>"}}); call once per
     * key while rotating.
     */
    public Builder secretPrivateKey(Path pemFile) {
      secrets.addPrivateKeyFile(Objects.requireNonNull(pemFile, "pemFile == null"));
      return this;
    }

    /**
     * Adds an RSA private key (PEM text, PKCS#8) for secret inputs with client-side encryption, for
     * example read from a secret store.
     */
    public Builder secretPrivateKeyPem(String pem) {
      secrets.addPrivateKeyPem(Objects.requireNonNull(pem, "pem == null"));
      return this;
    }

    /**
     * Adds an RSA private key for client-side encrypted secret inputs from the PEM text in
     * environment variable {@code variable}.
     *
     * @throws IllegalStateException if the variable is not set
     */
    public Builder secretPrivateKeyFromEnv(String variable) {
      secrets.addPrivateKeyFromEnv(Objects.requireNonNull(variable, "variable == null"));
      return this;
    }

    /**
     * Uses {@code decryptor} for secret inputs instead of the one the credentials and {@link
     * #secretPrivateKey} imply.
     */
    public Builder secrets(SecretDecryptor decryptor) {
      this.decryptor = Objects.requireNonNull(decryptor, "decryptor == null");
      return this;
    }

    /** Runs {@code handler} for every action without its own handler. */
    public Builder defaultHandler(RunHandler handler) {
      dispatcher.defaultHandler(handler);
      return this;
    }

    /**
     * Journals every run before it is acknowledged, in {@code dir}, so a crash does not leave runs
     * IN_PROGRESS; see {@link RunJournal}.
     */
    public Builder journal(Path dir) {
      dispatcher.journal(RunJournal.open(Objects.requireNonNull(dir, "dir == null")));
      return this;
    }

    /** Journals every run in {@code journal}; see {@link RunDispatcher.Builder#journal}. */
    public Builder journal(RunJournal journal) {
      dispatcher.journal(journal);
      return this;
    }

    /** Sets the limit on runs executing at once; beyond it runs queue. Default 64. */
    public Builder maxInFlight(int maxInFlight) {
      dispatcher.maxInFlight(maxInFlight);
      return this;
    }

    /**
     * Sets the limit on runs accepted and waiting; default 10,000 with a journal, 0 without. See
     * {@link RunDispatcher.Builder#maxQueued(int)}.
     */
    public Builder maxQueued(int maxQueued) {
      dispatcher.maxQueued(maxQueued);
      return this;
    }

    /** Sets how long an asynchronous run may take before it is failed; default 30 minutes. */
    public Builder runTimeout(Duration runTimeout) {
      dispatcher.runTimeout(runTimeout);
      return this;
    }

    /** Sets how long {@link #close()} lets runs in flight finish; default 30 s. */
    public Builder shutdownGrace(Duration shutdownGrace) {
      dispatcher.shutdownGrace(shutdownGrace);
      return this;
    }

    /**
     * Adds a listener told of every run that ended and every delivery refused, for metrics ({@code
     * port-micrometer}); may be called more than once. The verifier reports signature and tolerance
     * rejections to it too, also one given with {@link #verifier(SignatureVerifier)}.
     */
    public Builder listener(RunListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener == null"));
      return this;
    }

    /** Sets the executor handlers run on; the caller owns it. */
    public Builder executor(Executor executor) {
      dispatcher.executor(executor);
      return this;
    }

    /**
     * Gives access to every other dispatcher setting (synchronized timeout, duplicate memory,
     * clock, ...); the client is set at {@link #build()}.
     */
    public Builder dispatcher(Consumer<RunDispatcher.Builder> settings) {
      Objects.requireNonNull(settings, "settings == null").accept(dispatcher);
      return this;
    }

    /**
     * Builds the backend; with a journal, it starts ending or resuming the runs a crash left.
     *
     * @throws IllegalStateException if neither credentials nor a client were set, no secret is
     *     known to verify deliveries with, or no handler was registered
     */
    public PortBackend build() {
      PortClient port = client != null ? client : buildClient();
      SignatureVerifier v = verifier != null ? verifier : buildVerifier();
      dispatcher.secrets(decryptor != null ? decryptor : buildDecryptor());
      RunListener all = RunListener.all(listeners);
      if (!listeners.isEmpty()) {
        v =
            v.withRejectionListener(
                e ->
                    all.intakeRejected(
                        e.reason() == SignatureException.Reason.OUTSIDE_TOLERANCE
                            ? IntakeRejection.TOLERANCE
                            : IntakeRejection.SIGNATURE));
        dispatcher.listener(all);
      }
      return new PortBackend(port, v, dispatcher.client(port).build(), all);
    }

    /**
     * The client secret keys aes256-gcm secret inputs; each {@link #addVerificationSecret} (an old
     * secret during a rotation) is tried too, then the private keys.
     */
    private SecretDecryptor buildDecryptor() {
      if (credentials != null && usableKey(credentials.clientSecret())) {
        secrets.addClientSecret(credentials.clientSecret());
      }
      extraSecrets.stream().filter(Builder::usableKey).forEach(secrets::addClientSecret);
      return secrets.build();
    }

    // Port's client secrets are longer than 32 bytes; a shorter one (a test's) keys no secret.
    private static boolean usableKey(String secret) {
      return secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
          >= SecretDecryptor.KEY_BYTES;
    }

    private PortClient buildClient() {
      if (credentials == null) {
        throw new IllegalStateException(
            "no credentials: call credentials(ClientCredentials.fromEnv()), which reads "
                + ClientCredentials.CLIENT_ID_ENV
                + " and "
                + ClientCredentials.CLIENT_SECRET_ENV
                + ", or client(PortClient)");
      }
      PortClient.Builder b = PortClient.builder().credentials(credentials);
      if (apiUrl != null) {
        b.baseUri(apiUrl);
      }
      clientSettings.forEach(settings -> settings.accept(b));
      return b.build();
    }

    private SignatureVerifier buildVerifier() {
      if (credentials == null && extraSecrets.isEmpty()) {
        throw new IllegalStateException(
            "no secret to verify deliveries with: call credentials(...) (Port signs with the"
                + " client secret) or verifier(SignatureVerifier)");
      }
      SignatureVerifier.Builder b = SignatureVerifier.builder();
      if (credentials != null) {
        b.addSecret(credentials.clientSecret());
      }
      extraSecrets.forEach(b::addSecret);
      if (tolerance != null) {
        b.tolerance(tolerance);
      }
      return b.build();
    }
  }
}
