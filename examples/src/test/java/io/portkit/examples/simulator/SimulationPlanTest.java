package io.portkit.examples.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.examples.simulator.SimulationStep.Kind;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SimulationPlanTest {

  @Test
  void generate_sameSeed_givesSamePlan() {
    assertThat(SimulationPlan.generate(42, SimulationSpeed.REAL))
        .isEqualTo(SimulationPlan.generate(42, SimulationSpeed.REAL));
  }

  @Test
  void generate_manySeeds_updatesStayWithinOneToFiveAndCoverAll() {
    Set<Integer> seen = new HashSet<>();
    LongStream.range(0, 200)
        .forEach(
            seed -> {
              SimulationPlan plan = SimulationPlan.generate(seed, SimulationSpeed.FAST);
              assertThat(plan.updates()).isBetween(1, 5);
              long updateLogs =
                  plan.steps().stream()
                      .filter(s -> s.phase() == Phase.UPDATE && s.kind() == Kind.LOG)
                      .count();
              assertThat(updateLogs).isEqualTo(plan.updates());
              seen.add(plan.updates());
            });
    assertThat(seen).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
  }

  @Test
  void generate_anySeed_followsPhaseOrderWithLabelTwoLinksAndFinalSummary() {
    SimulationPlan plan = SimulationPlan.generate(7, SimulationSpeed.REAL);
    List<Phase> phases = plan.steps().stream().map(SimulationStep::phase).distinct().toList();
    assertThat(phases)
        .containsExactly(Phase.INITIALIZING, Phase.PROVISIONING, Phase.UPDATE, Phase.SUCCESS);
    assertThat(
            plan.steps().stream()
                .filter(s -> s.phase() == Phase.INITIALIZING)
                .map(SimulationStep::kind))
        .hasSizeGreaterThanOrEqualTo(2)
        .containsOnly(Kind.LOG);
    assertThat(
            plan.steps().stream()
                .filter(s -> s.phase() == Phase.PROVISIONING)
                .map(SimulationStep::kind))
        .containsExactly(Kind.LABEL, Kind.LOG, Kind.LINK, Kind.LINK);
    assertThat(plan.steps().stream().filter(s -> s.kind() == Kind.LINK).map(SimulationStep::text))
        .containsExactly(
            "https://console.example.com/resources/" + plan.resourceName(),
            "https://logs.example.com/resources/" + plan.resourceName());
    SimulationStep last = plan.steps().get(plan.steps().size() - 1);
    assertThat(last.kind()).isEqualTo(Kind.SUMMARY);
    assertThat(last.text())
        .startsWith("Provisioned " + plan.resourceName() + " in ")
        .endsWith(" with " + plan.updates() + (plan.updates() == 1 ? " update" : " updates"));
  }

  @Test
  void generate_realSpeed_delaysAreWholeSecondsTotallingSeveralSeconds() {
    SimulationPlan plan = SimulationPlan.generate(3, SimulationSpeed.REAL);
    assertThat(plan.steps())
        .allSatisfy(
            s -> {
              assertThat(s.delay().toMillis() % 1000).isZero();
              assertThat(s.delay()).isLessThanOrEqualTo(Duration.ofSeconds(4));
            });
    assertThat(plan.totalDelay()).isGreaterThanOrEqualTo(Duration.ofSeconds(9));
  }

  @Test
  void generate_fastSpeed_sameStepsWithThousandthOfTheDelays() {
    SimulationPlan real = SimulationPlan.generate(11, SimulationSpeed.REAL);
    SimulationPlan fast = SimulationPlan.generate(11, SimulationSpeed.FAST);
    assertThat(fast.steps()).hasSameSizeAs(real.steps());
    for (int i = 0; i < real.steps().size(); i++) {
      assertThat(fast.steps().get(i).text()).isEqualTo(real.steps().get(i).text());
      assertThat(fast.steps().get(i).delay())
          .isEqualTo(real.steps().get(i).delay().dividedBy(1000));
    }
    assertThat(fast.totalDelay()).isLessThan(Duration.ofMillis(100));
  }

  @Test
  void constructor_updatesOutOfBounds_throwsNamingBounds() {
    List<SimulationStep> steps =
        List.of(new SimulationStep(Phase.SUCCESS, Kind.SUMMARY, Duration.ZERO, "done"));
    assertThatThrownBy(() -> new SimulationPlan(1, SimulationSpeed.FAST, "r", 6, steps))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("updates must be 1..5: 6");
  }

  @Test
  void speedParse_unknownText_throwsListingAcceptedValues() {
    assertThat(SimulationSpeed.parse(" Fast ")).isEqualTo(SimulationSpeed.FAST);
    assertThatThrownBy(() -> SimulationSpeed.parse("slow"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown speed 'slow': use 'real' (seconds per step) or 'fast' (near zero)");
  }
}
