package dev.ecsbluegreen.operator.analysis;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck.AnalysisPhase;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus.Verdict;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.HttpCheck;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.simulator.world.World;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Baking analysis checks on CodeDeploy releases: the operator measures green through the production
 * listener while CodeDeploy keeps blue (the termination wait), rolls back to blue when a check
 * fails, and ends the wait early when the checks passed and say promoteOnSuccess.
 */
class BakingGateIT extends HarnessScenarios {
  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return OperatorHarness.withDataPlane(
        kubernetes, "soured", "baked", "rebake", "nobake", "shortbake");
  }

  @Test
  void failingBakingCheckRollsProductionTrafficBackToBlue() {
    harness.createGroup("soured", 60);
    try (var phases = harness.watchPhases("soured")) {
      harness.apply(
          release("soured")
              .env("SIM_ERROR_RATE", "1")
              .analysis(bake("bake", productionListener("soured"), 3, false))
              .build());

      var status = harness.awaitPhase("soured", Phase.RolledBack);

      assertThat(phases.phases()).containsSubsequence(Phase.Baking, Phase.RollingBack);
      assertThat(status.message())
          .startsWith("Rolled back: analysis check bake failed")
          .contains("0/5 good")
          .contains("5 answered 500");
      assertThat(status.history().get(0).message()).isEqualTo(status.message());
      var bake = only(status);
      assertThat(bake.phase()).isEqualTo(AnalysisPhase.Baking);
      assertThat(bake.verdict()).isEqualTo(Verdict.Failed);
      assertThat(bake.lastValue()).isEqualTo("0/5 good");
      assertThat(status.analysisSummary()).isEqualTo("Failed bake");
      assertThat(status.traffic().blue()).isEqualTo(100);
      assertThat(harness.runningTaskDefinition("soured")).endsWith("soured:1");
      assertThat(harness.sim.callLog().countOk("StopDeployment")).isEqualTo(1);
      harness.awaitEvents(
          "soured",
          events ->
              assertThat(events)
                  .anySatisfy(
                      e -> {
                        assertThat(e.getReason()).isEqualTo(AnalysisGate.FAILED);
                        assertThat(e.getMessage()).contains("bake failed");
                      }));
      assertListedWide("soured", "Failed bake");
    }
  }

  @Test
  void passingBakingCheckWithPromoteOnSuccessEndsTheWaitAtOnce() {
    harness.createGroup("baked", 600);
    long continuesBefore = harness.sim.callLog().count("ContinueDeployment");
    harness.apply(
        release("baked").analysis(bake("bake", productionListener("baked"), 2, true)).build());

    var status = harness.awaitPhase("baked", Phase.Succeeded);

    var baked =
        Duration.between(Instant.parse(status.startedAt()), Instant.parse(status.completedAt()));
    assertThat(baked).isLessThan(Duration.ofMinutes(60));
    var bake = only(status);
    assertThat(bake.verdict()).isEqualTo(Verdict.Passed);
    assertThat(bake.runs()).isEqualTo(2);
    assertThat(status.analysisSummary()).isEqualTo("Passed");
    assertThat(status.actions()).isNull();
    assertThat(harness.runningTaskDefinition("baked")).endsWith("baked:2");
    // One ContinueDeployment (TERMINATION_WAIT) ended the wait: the group moves traffic by
    // itself, so nothing else continues this deployment, and nothing stops it.
    assertThat(harness.sim.callLog().count("ContinueDeployment") - continuesBefore).isEqualTo(1);
  }

  @Test
  void restartMidBakeResumesTheCount() {
    harness.createGroup("rebake", 600);
    harness.apply(
        release("rebake").analysis(bake("bake", productionListener("rebake"), 4, true)).build());
    var before =
        harness.awaitRelease(
            "rebake", s -> s.analysis() != null && s.analysis().get(0).runs() >= 1);
    harness.stopOperator();
    var counted = only(harness.status("rebake"));
    assertThat(counted.verdict()).isEqualTo(Verdict.Running);

    harness.startOperator();
    var status = harness.awaitPhase("rebake", Phase.Succeeded);

    var bake = only(status);
    assertThat(bake.startedAt()).isEqualTo(only(before).startedAt());
    assertThat(bake.runs()).isEqualTo(4);
    assertThat(bake.verdict()).isEqualTo(Verdict.Passed);
  }

  @Test
  void aBakeThatEndsBeforeTheCountIsDecidedFromTheRunsItHad() {
    harness.createGroup("shortbake", 1);
    harness.apply(
        release("shortbake")
            .analysis(bake("bake", productionListener("shortbake"), 20, false))
            .build());

    var status = harness.awaitPhase("shortbake", Phase.Succeeded);

    // The one-minute wait leaves time for a few of the twenty runs; none failed, so the check
    // passed, and it says why rather than showing Running on a release that has ended.
    var bake = only(status);
    assertThat(bake.verdict()).isEqualTo(Verdict.Passed);
    assertThat(bake.runs()).isPositive().isLessThan(20);
    assertThat(bake.lastMessage()).startsWith("The deployment ended after");
    assertThat(status.analysisSummary()).isEqualTo("Passed");
  }

  @Test
  void bakingCheckOnAGroupThatKeepsNoBlueStalls() {
    harness.createGroup("nobake", 0);
    harness.apply(
        release("nobake").analysis(bake("bake", productionListener("nobake"), 1, false)).build());

    var status =
        harness.awaitRelease(
            "nobake", s -> s.message() != null && s.message().contains("Baking checks"));

    assertThat(status.phase()).isEqualTo(Phase.Failed);
    assertThat(status.message()).contains("terminationWaitTimeInMinutes");
    assertThat(harness.deployments("nobake")).isEmpty();
  }

  /** On a real API server, also what {@code kubectl get releases -o wide} shows. */
  protected void assertListedWide(String name, String analysis) {}

  private String productionListener(String lane) {
    return harness
        .sim
        .listenerUri(lane + "-lb", World.ListenerKind.PRODUCTION)
        .resolve("/health")
        .toString();
  }

  static AnalysisCheck bake(String name, String url, int count, boolean promoteOnSuccess) {
    return new AnalysisCheck(
        name,
        AnalysisPhase.Baking,
        30,
        count,
        1,
        null,
        promoteOnSuccess,
        new HttpCheck(url, List.of(200), 5, 1.0, null, null),
        null,
        null);
  }

  private static AnalysisCheckStatus only(EcsBlueGreenReleaseStatus status) {
    assertThat(status.analysis()).hasSize(1);
    return status.analysis().get(0);
  }
}
