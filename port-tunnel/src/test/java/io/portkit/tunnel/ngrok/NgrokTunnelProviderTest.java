package io.portkit.tunnel.ngrok;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ngrok.NgrokException;
import io.portkit.tunnel.TunnelException;
import io.portkit.tunnel.TunnelException.Reason;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class NgrokTunnelProviderTest {
  private static final String TOKEN = "2abcSECRETtoken_0123456789";
  private static final URI LOCAL = URI.create("http://127.0.0.1:8080");

  private final List<String> events = FakeSession.newEvents();
  private final FakeSession session = new FakeSession(events);
  private final RecordingShutdownHooks hooks = new RecordingShutdownHooks();
  private final AtomicReference<String> tokenSeen = new AtomicReference<>();

  private NgrokTunnelProvider provider(NgrokOptions options) {
    return NgrokTunnelProvider.builder(options)
        .connector(
            builder -> {
              tokenSeen.set(builder.getAuthtoken());
              events.add("connect");
              return session;
            })
        .shutdownHooks(hooks)
        .build();
  }

  private static NgrokOptions options() {
    return NgrokOptions.builder().authtoken(TOKEN).build();
  }

  private TunnelException openFailing(NgrokOptions options, IOException forwardFailure) {
    session.forwardFailure = forwardFailure;
    return org.junit.jupiter.api.Assertions.assertThrows(
        TunnelException.class, () -> provider(options).open(LOCAL));
  }

  @Test
  void open_randomUrl_forwardsToLocalReceiverAndRegistersHook() {
    NgrokTunnel tunnel = (NgrokTunnel) provider(options()).open(8080);

    assertThat(tunnel.publicUrl()).isEqualTo(URI.create("https://abc123.ngrok-free.app"));
    assertThat(tunnel.localUrl()).isEqualTo(LOCAL);
    assertThat(tokenSeen.get()).isEqualTo(TOKEN);
    assertThat(events).containsExactly("connect", "forwardHttp domain=- to=http://127.0.0.1:8080");
    assertThat(hooks.registered).hasSize(1);
    assertThat(tunnel.toString())
        .isEqualTo(
            "NgrokTunnel[publicUrl=https://abc123.ngrok-free.app,"
                + " localUrl=http://127.0.0.1:8080, closed=false]");
  }

  @Test
  void open_staticDomain_requestsDomain() {
    session.publicUrl = "https://demo.ngrok.app";
    NgrokTunnel tunnel =
        provider(NgrokOptions.builder().authtoken(TOKEN).domain("demo.ngrok.app").build())
            .open(LOCAL);

    assertThat(tunnel.publicUrl()).isEqualTo(URI.create("https://demo.ngrok.app"));
    assertThat(events).contains("forwardHttp domain=demo.ngrok.app to=http://127.0.0.1:8080");
  }

  @Test
  void open_edge_forwardsToLabelAndUsesDomainAsUrl() {
    NgrokOptions options =
        NgrokOptions.builder()
            .authtoken(TOKEN)
            .domain("edge.example.com")
            .edge("edghts_2abc")
            .build();

    NgrokTunnel tunnel = provider(options).open(LOCAL);

    assertThat(tunnel.publicUrl()).isEqualTo(URI.create("https://edge.example.com"));
    assertThat(events)
        .containsExactly(
            "connect", "forwardEdge labels={edge=edghts_2abc} to=http://127.0.0.1:8080");
  }

  @Test
  void close_afterOpen_closesForwarderThenSessionAndRemovesHook() {
    NgrokTunnel tunnel = provider(options()).open(LOCAL);

    tunnel.close();

    assertThat(events)
        .containsExactly(
            "connect",
            "forwardHttp domain=- to=http://127.0.0.1:8080",
            "closeForwarder fwd_1",
            "session.close");
    assertThat(hooks.removed).containsExactlyElementsOf(hooks.registered);
    assertThat(tunnel.isClosed()).isTrue();
  }

  @Test
  void close_twice_tearsDownOnce() {
    NgrokTunnel tunnel = provider(options()).open(LOCAL);

    tunnel.close();
    tunnel.close();

    assertThat(events).containsOnlyOnce("closeForwarder fwd_1", "session.close");
    assertThat(hooks.removed).hasSize(1);
  }

  @Test
  void shutdownHook_run_closesTunnelAndLaterCloseIsNoOp() {
    NgrokTunnel tunnel = provider(options()).open(LOCAL);

    hooks.registered.get(0).run();
    tunnel.close();

    assertThat(tunnel.isClosed()).isTrue();
    assertThat(events).endsWith("closeForwarder fwd_1", "session.close");
    assertThat(events).containsOnlyOnce("session.close");
  }

  @Test
  void close_fromAnotherThread_tearsDownOnce() throws InterruptedException {
    NgrokTunnel tunnel = provider(options()).open(LOCAL);
    Thread other = new Thread(tunnel::close);

    other.start();
    tunnel.close();
    other.join(TimeUnit.SECONDS.toMillis(5));

    assertThat(events).containsOnlyOnce("closeForwarder fwd_1", "session.close");
  }

  @Test
  void open_forwardFailsHalfWay_closesSessionAndRegistersNoHook() {
    TunnelException e =
        openFailing(
            NgrokOptions.builder().authtoken(TOKEN).domain("demo.ngrok.app").build(),
            new NgrokException("ERR_NGROK_319", "You must reserve a custom hostname"));

    assertThat(e.reason()).isEqualTo(Reason.DOMAIN_NOT_RESERVED);
    assertThat(e)
        .hasMessage(
            "ngrok domain demo.ngrok.app is not reserved on the authtoken's"
                + " account (ERR_NGROK_319): reserve it at https://dashboard.ngrok.com/domains, check that"
                + " NGROK_AUTHTOKEN belongs to the same account, or unset NGROK_DOMAIN to get a random URL");
    assertThat(events).endsWith("session.close");
    assertThat(events).doesNotContain("closeForwarder fwd_1");
    assertThat(hooks.registered).isEmpty();
  }

  @Test
  void open_domainRequiredByPlan_namesVariable() {
    TunnelException e =
        openFailing(
            options(), new NgrokException("ERR_NGROK_15002", "Your account is on the Free plan"));

    assertThat(e.reason()).isEqualTo(Reason.DOMAIN_NOT_RESERVED);
    assertThat(e)
        .hasMessage(
            "ngrok requires a reserved domain for this account"
                + " (ERR_NGROK_15002): reserve one at https://dashboard.ngrok.com/domains and set"
                + " NGROK_DOMAIN to it");
  }

  @Test
  void open_connectHangs_timesOutAndClosesLateSession() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    NgrokOptions options =
        NgrokOptions.builder().authtoken(TOKEN).connectTimeout(Duration.ofMillis(50)).build();
    NgrokTunnelProvider provider =
        NgrokTunnelProvider.builder(options)
            .connector(
                builder -> {
                  try {
                    release.await(10, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return session;
                })
            .shutdownHooks(hooks)
            .build();

    assertThatThrownBy(() -> provider.open(LOCAL))
        .isInstanceOfSatisfying(
            TunnelException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONNECT_TIMEOUT))
        .hasMessage(
            "ngrok did not connect within 50 ms: check the network and"
                + " https://status.ngrok.com, or raise NgrokOptions.builder().connectTimeout(...);"
                + " a session that connects later is closed at once");
    release.countDown();

    assertThat(session.closed.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(events).containsExactly("session.close");
    assertThat(hooks.registered).isEmpty();
  }

  @Test
  void open_sessionLimit_explainsOneSessionRule() {
    NgrokTunnelProvider provider =
        NgrokTunnelProvider.builder(options())
            .connector(
                builder -> {
                  throw new NgrokException(
                      "ERR_NGROK_108",
                      "Your account is limited to 1 simultaneous" + " ngrok agent sessions.");
                })
            .shutdownHooks(hooks)
            .build();

    assertThatThrownBy(() -> provider.open(LOCAL))
        .isInstanceOfSatisfying(
            TunnelException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SESSION_LIMIT))
        .hasMessage(
            "ngrok refused a new agent session (ERR_NGROK_108): the account's limit of"
                + " simultaneous agent sessions (one on the free plan) is reached. Stop the other"
                + " ngrok agent, or a previous run of this backend that is still running"
                + " (see https://dashboard.ngrok.com/agents), and retry");
  }

  @Test
  void open_authtokenRejected_hintWithoutTokenAnywhere() {
    NgrokTunnelProvider provider =
        NgrokTunnelProvider.builder(options())
            .connector(
                builder -> {
                  throw new NgrokException(
                      "ERR_NGROK_107",
                      "The authtoken you specified is properly"
                          + " formed, but it is invalid. Your authtoken: "
                          + TOKEN);
                })
            .shutdownHooks(hooks)
            .build();

    TunnelException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            TunnelException.class, () -> provider.open(LOCAL));

    assertThat(e.reason()).isEqualTo(Reason.AUTHTOKEN_REJECTED);
    assertThat(e)
        .hasMessage(
            "ngrok rejected the authtoken (ERR_NGROK_107): copy a current one"
                + " from https://dashboard.ngrok.com/get-started/your-authtoken into NGROK_AUTHTOKEN;"
                + " it may have been reset or revoked");
    assertThat(stackTrace(e)).doesNotContain(TOKEN).contains("Your authtoken: ***");
    assertThat(provider.toString()).doesNotContain(TOKEN);
  }

  @Test
  void open_ngrokRequiresAuthtoken_givesAuthtokenHint() {
    NgrokTunnelProvider provider =
        NgrokTunnelProvider.builder(options())
            .connector(
                builder -> {
                  throw new NgrokException(
                      "ERR_NGROK_4018", "Usage of ngrok requires a verified account");
                })
            .build();

    assertThatThrownBy(() -> provider.open(LOCAL))
        .isInstanceOfSatisfying(
            TunnelException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTHTOKEN_MISSING))
        .hasMessage(
            "ngrok requires an authtoken (ERR_NGROK_4018): no ngrok authtoken: set"
                + " NGROK_AUTHTOKEN (copy it from https://dashboard.ngrok.com/get-started/your-authtoken)"
                + " or pass one to NgrokOptions.builder().authtoken(...)");
  }

  @Test
  void open_unknownNgrokCode_reportsRedactedDetails() {
    TunnelException e =
        openFailing(
            options(), new NgrokException("ERR_NGROK_999", "something odd near " + TOKEN + "\n"));

    assertThat(e.reason()).isEqualTo(Reason.FAILED);
    assertThat(e).hasMessage("ngrok refused the tunnel (ERR_NGROK_999): something odd near ***");
  }

  @Test
  void open_nativeClassMissingAtConnect_namesDependencyWithClassifier() {
    NgrokTunnelProvider provider =
        NgrokTunnelProvider.builder(options())
            .connector(
                builder -> {
                  throw new RuntimeException(new ClassNotFoundException("com.ngrok.NativeSession"));
                })
            .build();

    assertThatThrownBy(() -> provider.open(LOCAL))
        .isInstanceOfSatisfying(
            TunnelException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NATIVE_LIBRARY_MISSING))
        .hasMessage(NgrokPreflight.missingMessage(NgrokPreflight.platformClassifier()));
  }

  @Test
  void open_nativeLibraryForOtherPlatform_namesRightClassifier() {
    NgrokTunnelProvider provider =
        NgrokTunnelProvider.builder(options())
            .connector(
                builder -> {
                  throw new RuntimeException(
                      new UnsatisfiedLinkError("wrong ELF class: ELFCLASS32"));
                })
            .build();
    String classifier = NgrokPreflight.platformClassifier();

    assertThatThrownBy(() -> provider.open(LOCAL))
        .isInstanceOfSatisfying(
            TunnelException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NATIVE_LIBRARY_WRONG_PLATFORM))
        .hasMessage(
            "ngrok's native library failed to load on this platform (wrong ELF class:"
                + " ELFCLASS32): use com.ngrok:ngrok-java-native:1.0.1:"
                + classifier
                + ", the classifier for this OS and CPU");
  }

  @Test
  void open_onlyApiJarOnClasspath_preflightNamesNativeJarForThisPlatform() {
    NgrokTunnelProvider provider =
        NgrokTunnelProvider.builder(options()).shutdownHooks(hooks).build();
    String classifier = NgrokPreflight.platformClassifier();

    assertThatThrownBy(() -> provider.open(LOCAL))
        .isInstanceOfSatisfying(
            TunnelException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NATIVE_LIBRARY_MISSING))
        .hasMessage(
            "ngrok's native library is missing: only the API jar com.ngrok:ngrok-java is"
                + " on the classpath (class com.ngrok.NativeSession not found). Add the dependency"
                + " com.ngrok:ngrok-java-native:1.0.1:"
                + classifier
                + " (the classifier for this OS"
                + " and CPU), for example with mvn -Pngrok in portkit's examples module");
    assertThat(hooks.registered).isEmpty();
  }

  @Test
  void open_notHttpLocalUrl_rejectsWithExample() {
    assertThatThrownBy(() -> provider(options()).open(URI.create("tcp://127.0.0.1:8080")))
        .isInstanceOf(TunnelException.class)
        .hasMessage(
            "localUrl must be an absolute http URL with a host, for example"
                + " http://127.0.0.1:8080: tcp://127.0.0.1:8080");
    assertThat(events).isEmpty();
  }

  @Test
  void open_portOutOfRange_rejects() {
    assertThatThrownBy(() -> provider(options()).open(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("localPort must be between 1 and 65535: 0");
  }

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
