package io.portkit.examples.handlers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.backend.invocation.RunInvocation;
import io.portkit.client.PortClient;
import io.portkit.client.run.RunContext;
import io.portkit.examples.demo.DemoCatalog;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.PortEmulator;
import java.net.URI;

/** An emulator holding the demo catalog, plus a client of it; for handler tests. */
final class EmulatedPort implements AutoCloseable {
  static final ObjectMapper MAPPER = new ObjectMapper();

  final PortEmulator emulator = PortEmulator.start();
  final PortClient client;

  EmulatedPort() {
    DemoCatalog.install(emulator, URI.create("http://127.0.0.1:9/"));
    client =
        PortClient.builder()
            .baseUri(emulator.baseUri())
            .credentials(emulator.credentials())
            .build();
  }

  /** Creates a run of {@code action} and returns the request a handler would get. */
  RunInvocation newRun(String action, String inputsJson) throws Exception {
    ObjectNode inputs = (ObjectNode) MAPPER.readTree(inputsJson);
    EmulatedRun run = emulator.createRun(action, inputs);
    return RunInvocation.fromRun(client.runs().get(run.id()));
  }

  RunContext context(RunInvocation request) {
    return client.runContext(request.runId());
  }

  EmulatedRun run(RunInvocation request) {
    return emulator.run(request.runId()).orElseThrow();
  }

  @Override
  public void close() {
    emulator.close();
  }
}
