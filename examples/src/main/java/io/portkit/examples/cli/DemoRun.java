package io.portkit.examples.cli;

import static java.util.Objects.requireNonNull;

import io.portkit.examples.demo.DemoCatalog;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run the demo triggers and the status it must end with.
 *
 * @param action the action identifier
 * @param inputs the user inputs
 * @param expected {@code SUCCESS} or {@code FAILURE}
 * @param why what the run shows, printed before it starts
 */
public record DemoRun(String action, Map<String, Object> inputs, String expected, String why) {

  /**
   * The printed stand-in for the sample database's password, a secret input: the demo sends the
   * real one ({@link Scenarios#samplePassword()}) and prints this.
   */
  public static final String SECRET = "***";

  /**
   * The demo's runs: one per scenario, one that must fail (an invalid IP), then two hand-offs: one
   * the CI completes, one that ends at its deadline.
   */
  public static final List<DemoRun> ALL =
      List.of(
          new DemoRun(
              DemoCatalog.PROVISION_ENVIRONMENT,
              inputs("name", "demo-env", "size", "small"),
              "SUCCESS",
              "the simulator: logs, status labels, links, then SUCCESS"),
          new DemoRun(
              DemoCatalog.GRANT_TEMPORARY_ACCESS,
              inputs("ip", "203.0.113.7", "duration_minutes", 30),
              "SUCCESS",
              "temporary IP allowlisting: a temporary_access entity tied to the run"),
          new DemoRun(
              DemoCatalog.CREATE_ANONYMIZED_DB_COPY,
              inputs(
                  "tables",
                  List.of("customers", "orders", "support_tickets"),
                  "source_password",
                  SECRET),
              "SUCCESS",
              "anonymized DB copy (H2): the source password arrives as a secret input, Port"
                  + " encrypts it, the backend decrypts it in memory; a db_snapshot entity tied to"
                  + " the run"),
          new DemoRun(
              DemoCatalog.GRANT_TEMPORARY_ACCESS,
              inputs("ip", "999.1.1.1"),
              "FAILURE",
              "an invalid IP: the run must end with FAILURE and the reason"),
          new DemoRun(
              DemoCatalog.RUN_CI_PIPELINE,
              inputs("pipeline", "api-tests"),
              "SUCCESS",
              "hand-off: the handler starts a job on a local CI stand-in and returns; the run"
                  + " waits until the CI calls back, signed"),
          new DemoRun(
              DemoCatalog.RUN_CI_PIPELINE,
              inputs("pipeline", "nightly", "calls_back", false),
              "FAILURE",
              "hand-off whose callback never comes: FAILURE at the deadline, saying so"));

  /** Validates the components and copies the inputs, keeping their order. */
  public DemoRun {
    requireNonNull(action, "action == null");
    inputs =
        Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(inputs, "inputs == null")));
    requireNonNull(expected, "expected == null");
    requireNonNull(why, "why == null");
  }

  /** Returns the inputs to send: each {@link #SECRET} stand-in replaced by {@code password}. */
  public Map<String, Object> inputsToSend(String password) {
    Map<String, Object> send = new LinkedHashMap<>(inputs);
    send.replaceAll((name, value) -> SECRET.equals(value) ? password : value);
    return send;
  }

  // An ordered map literal, so the demo prints the inputs in the order written.
  private static Map<String, Object> inputs(Object... keysAndValues) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      inputs.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return inputs;
  }
}
