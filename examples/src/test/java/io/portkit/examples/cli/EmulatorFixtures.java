package io.portkit.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portkit.testkit.PortEmulator;
import java.util.HashMap;
import java.util.Map;

/** Small helpers for CLI tests that talk to an in-process emulator. */
final class EmulatorFixtures {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private EmulatorFixtures() {}

  static JsonNode json(String text) throws JsonProcessingException {
    return MAPPER.readTree(text);
  }

  /** Returns the environment pointing the CLI at {@code emulator}. */
  static Map<String, String> env(PortEmulator emulator) {
    Map<String, String> env = new HashMap<>();
    env.put("PORT_API_URL", emulator.baseUri().toString());
    env.put("PORT_CLIENT_ID", emulator.clientId());
    env.put("PORT_CLIENT_SECRET", emulator.clientSecret());
    return env;
  }
}
