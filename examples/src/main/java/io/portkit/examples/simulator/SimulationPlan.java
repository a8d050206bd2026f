package io.portkit.examples.simulator;

import static java.util.Objects.requireNonNull;

import io.portkit.examples.simulator.SimulationStep.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The steps of one simulated provisioning run, generated from a seed so the same seed always gives
 * the same run: a few INITIALIZING logs, a PROVISIONING label and two links, one to five UPDATE
 * phases, then SUCCESS with a summary.
 *
 * <p>Immutable and thread-safe.
 *
 * @param seed the seed the plan was generated from
 * @param speed the speed its delays are scaled to; never null
 * @param resourceName the name of the simulated resource; never null
 * @param updates how many UPDATE phases the plan has, 1 to 5
 * @param steps the steps in play order, the last one being the summary; never null, unmodifiable
 */
public record SimulationPlan(
    long seed,
    SimulationSpeed speed,
    String resourceName,
    int updates,
    List<SimulationStep> steps) {

  /** The fewest UPDATE phases a plan has. */
  public static final int MIN_UPDATES = 1;

  /** The most UPDATE phases a plan has. */
  public static final int MAX_UPDATES = 5;

  private static final List<String> REGIONS = List.of("eu-west-1", "us-east-1", "ap-south-1");
  private static final List<String> UPDATE_WORK =
      List.of(
          "attaching storage",
          "configuring network",
          "installing agents",
          "applying security policy",
          "warming caches",
          "running health checks");

  /**
   * Copies and checks the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code updates} is out of bounds or the last step is not
   *     the summary
   */
  public SimulationPlan {
    requireNonNull(speed, "speed == null");
    requireNonNull(resourceName, "resourceName == null");
    steps = List.copyOf(requireNonNull(steps, "steps == null"));
    if (updates < MIN_UPDATES || updates > MAX_UPDATES) {
      throw new IllegalArgumentException(
          "updates must be " + MIN_UPDATES + ".." + MAX_UPDATES + ": " + updates);
    }
    if (steps.isEmpty() || steps.get(steps.size() - 1).kind() != Kind.SUMMARY) {
      throw new IllegalArgumentException("the last step must be the SUMMARY");
    }
  }

  /**
   * Generates the plan for {@code seed} at {@code speed}.
   *
   * @param seed any value; the same seed gives the same steps
   * @param speed {@link SimulationSpeed#REAL} for delays in seconds, {@link SimulationSpeed#FAST}
   *     for near-zero delays; never null
   * @return the plan
   */
  public static SimulationPlan generate(long seed, SimulationSpeed speed) {
    requireNonNull(speed, "speed == null");
    Random random = new Random(seed);
    String resource = String.format("sim-%06x", random.nextInt(1 << 24));
    String region = REGIONS.get(random.nextInt(REGIONS.size()));
    int updates = MIN_UPDATES + random.nextInt(MAX_UPDATES - MIN_UPDATES + 1);

    List<SimulationStep> steps = new ArrayList<>();
    Steps add =
        (phase, kind, seconds, text) ->
            steps.add(
                new SimulationStep(phase, kind, speed.scale(Duration.ofSeconds(seconds)), text));
    add.step(Phase.INITIALIZING, Kind.LOG, 1, "Validating the request for " + resource);
    add.step(Phase.INITIALIZING, Kind.LOG, 1, "Reserving capacity in " + region);
    add.step(Phase.INITIALIZING, Kind.LOG, 1, "Preparing the provisioning workspace");
    add.step(Phase.PROVISIONING, Kind.LABEL, 1, "Provisioning");
    add.step(Phase.PROVISIONING, Kind.LOG, 2, "Creating " + resource + " in " + region);
    add.step(Phase.PROVISIONING, Kind.LINK, 1, "https://console.example.com/resources/" + resource);
    add.step(Phase.PROVISIONING, Kind.LINK, 0, "https://logs.example.com/resources/" + resource);
    for (int i = 1; i <= updates; i++) {
      String work = UPDATE_WORK.get(random.nextInt(UPDATE_WORK.size()));
      add.step(Phase.UPDATE, Kind.LABEL, 0, "Update " + i + "/" + updates);
      add.step(
          Phase.UPDATE,
          Kind.LOG,
          1 + random.nextInt(4),
          "Update " + i + "/" + updates + ": " + work);
    }
    add.step(
        Phase.SUCCESS,
        Kind.SUMMARY,
        1,
        "Provisioned "
            + resource
            + " in "
            + region
            + " with "
            + updates
            + (updates == 1 ? " update" : " updates"));
    return new SimulationPlan(seed, speed, resource, updates, steps);
  }

  /**
   * Returns the sum of all step delays: how long the plan takes to play, not counting reporting.
   *
   * @return the total delay; never null
   */
  public Duration totalDelay() {
    return steps.stream().map(SimulationStep::delay).reduce(Duration.ZERO, Duration::plus);
  }

  @FunctionalInterface
  private interface Steps {
    void step(Phase phase, Kind kind, long realSeconds, String text);
  }
}
