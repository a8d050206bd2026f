package io.portkit.testkit.contract;

import io.portkit.testkit.internal.EmulatorCore;
import io.portkit.testkit.internal.EmulatorSettings;
import io.portkit.testkit.internal.Route;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/** The keys ({@code "METHOD /v1/template"}) of the Port routes the emulator serves. */
final class ServedRoutes {
  private ServedRoutes() {}

  static Set<String> keys() {
    EmulatorSettings settings =
        new EmulatorSettings(
            "id",
            "secret",
            Duration.ofHours(3),
            422,
            1000,
            Duration.ofMinutes(1),
            false,
            Duration.ofSeconds(30),
            Map.of(),
            true);
    // The route list needs no sleeper: nothing here delays a request.
    EmulatorCore core = new EmulatorCore(settings, Clock.systemUTC(), new Random(1), null);
    try {
      Set<String> keys = new TreeSet<>();
      for (Route route : core.routes()) {
        if (route.template().startsWith("/v1/")) {
          keys.add(route.key());
        }
      }
      return keys;
    } finally {
      core.invoker().close();
    }
  }
}
