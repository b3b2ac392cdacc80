package dev.ecsbluegreen.operator.analysis;

import static dev.ecsbluegreen.operator.analysis.EcsAnalysisGateIT.closedPort;
import static dev.ecsbluegreen.operator.analysis.EcsAnalysisGateIT.only;
import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck.AnalysisPhase;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus.Verdict;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsCanary;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec.EcsStrategy;
import dev.ecsbluegreen.operator.api.v1alpha1.HttpCheck;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.operator.fixtures.Releases;
import dev.ecsbluegreen.simulator.world.World;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ShiftingTraffic and Baking analysis checks on ECS native releases, and the bound on the hold
 * before production traffic (ecs.holdMinutes). ECS cannot hold a shift or a bake for the checks, so
 * a failure can only stop the service deployment with rollback (StopServiceDeployment ROLLBACK), as
 * on CodeDeploy. The AWS calls are counted from the simulator's call log.
 */
class EcsPhaseGatesIT extends HarnessScenarios {
  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return OperatorHarness.ecsNativeWithDataPlane(
        kubernetes, "eshift", "eshiftok", "ebake", "erebake", "ehold", "emetric");
  }

  @Test
  void failingShiftingCheckRollsBackMidCanary() {
    var calls = new Calls();
    try (var phases = harness.watchPhases("eshift")) {
      harness.apply(
          canary("eshift", 0)
              .env("SIM_ERROR_RATE", "1")
              .analysis(check("canary", AnalysisPhase.ShiftingTraffic, testListener("eshift"), 3))
              .build());

      var status = harness.awaitPhase("eshift", Phase.RolledBack);

      assertThat(phases.phases())
          .containsSubsequence(Phase.ShiftingTraffic, Phase.RollingBack, Phase.RolledBack)
          .doesNotContain(Phase.Baking, Phase.Succeeded);
      assertThat(status.message())
          .startsWith("Rolled back: analysis check canary failed")
          .contains("5 answered 500");
      assertThat(status.history().get(0).message()).isEqualTo(status.message());
      var check = only(status);
      assertThat(check.phase()).isEqualTo(AnalysisPhase.ShiftingTraffic);
      assertThat(check.verdict()).isEqualTo(Verdict.Failed);
      assertThat(check.deploymentId()).isEqualTo(status.deploymentId());
      // Stopped with rollback during the canary: no hold to answer, the shift itself is stopped.
      assertThat(calls.since("StopServiceDeployment")).isEqualTo(1);
      assertThat(calls.since("ContinueServiceDeployment")).isZero();
      var deployment = harness.serviceDeployments("eshift").get(0);
      assertThat(deployment.statusAsString()).isEqualTo("ROLLBACK_SUCCESSFUL");
      assertThat(deployment.rollback().reason()).contains("StopServiceDeployment");
      assertThat(harness.servingTaskDefinitions("eshift"))
          .singleElement()
          .satisfies(arn -> assertThat(arn).endsWith("eshift:1"));
      harness.awaitEvents(
          "eshift",
          events ->
              assertThat(events)
                  .anySatisfy(
                      e -> {
                        assertThat(e.getReason()).isEqualTo(AnalysisGate.FAILED);
                        assertThat(e.getMessage()).contains("canary failed");
                      }));
    }
  }

  @Test
  void greenWhoseErrorRatioRisesIsCaughtOnItsOwnTargetGroupMidCanary() {
    var calls = new Calls();
    try (var traffic = ShiftingCheckIT.production(harness, "emetric")) {
      harness.apply(
          canary("emetric", 0)
              .env("SIM_ERROR_RATE", "1")
              .analysis(ShiftingCheckIT.errorRatio(3, 2))
              .build());

      var status = harness.awaitPhase("emetric", Phase.RolledBack);

      // valueFrom: GreenTargetGroup found the group of the pair ECS put the new revision on, so
      // its 5xx ratio is green's alone, while blue still answered most of production.
      assertThat(status.message())
          .startsWith("Rolled back: analysis check error-ratio failed")
          .contains("FILL(errors, 0) / requests = 1, fails: above 0.05");
      var check = only(status);
      assertThat(check.verdict()).isEqualTo(Verdict.Failed);
      assertThat(check.lastValue()).isEqualTo("1");
      assertThat(traffic.errors()).isPositive().isLessThan(traffic.answered() / 2);
      assertThat(calls.since("StopServiceDeployment")).isEqualTo(1);
      assertThat(harness.servingTaskDefinitions("emetric"))
          .singleElement()
          .satisfies(arn -> assertThat(arn).endsWith("emetric:1"));
    }
  }

  @Test
  void passingShiftingAndBakingChecksLetTheDeploymentSucceed() {
    var calls = new Calls();
    harness.apply(
        canary("eshiftok", 5)
            .analysis(check("canary", AnalysisPhase.ShiftingTraffic, testListener("eshiftok"), 2))
            .analysis(check("soak", AnalysisPhase.Baking, productionListener("eshiftok"), 2))
            .build());

    var status = harness.awaitPhase("eshiftok", Phase.Succeeded);

    assertThat(status.analysis())
        .extracting(AnalysisCheckStatus::name, AnalysisCheckStatus::phase)
        .containsExactly(
            tuple("canary", AnalysisPhase.ShiftingTraffic), tuple("soak", AnalysisPhase.Baking));
    assertThat(status.analysis())
        .allSatisfy(
            c -> {
              assertThat(c.verdict()).isEqualTo(Verdict.Passed);
              assertThat(c.passes()).isEqualTo(2);
              assertThat(c.deploymentId()).isEqualTo(status.deploymentId());
            });
    assertThat(status.analysisSummary()).isEqualTo("Passed");
    assertThat(calls.since("StopServiceDeployment")).isZero();
    assertThat(harness.servingTaskDefinitions("eshiftok"))
        .singleElement()
        .satisfies(arn -> assertThat(arn).endsWith("eshiftok:2"));
  }

  @Test
  void failingBakingCheckRollsBackDuringTheBake() {
    var calls = new Calls();
    try (var phases = harness.watchPhases("ebake")) {
      harness.apply(
          blueGreen("ebake", 60)
              .env("SIM_ERROR_RATE", "1")
              .analysis(check("soak", AnalysisPhase.Baking, productionListener("ebake"), 3))
              .build());

      var status = harness.awaitPhase("ebake", Phase.RolledBack);

      assertThat(phases.phases()).containsSubsequence(Phase.Baking, Phase.RollingBack);
      assertThat(status.message())
          .startsWith("Rolled back: analysis check soak failed")
          .contains("5 answered 500");
      var soak = only(status);
      assertThat(soak.phase()).isEqualTo(AnalysisPhase.Baking);
      assertThat(soak.verdict()).isEqualTo(Verdict.Failed);
      assertThat(status.analysisSummary()).isEqualTo("Failed soak");
      assertThat(calls.since("StopServiceDeployment")).isEqualTo(1);
      assertThat(harness.serviceDeployments("ebake").get(0).statusAsString())
          .isEqualTo("ROLLBACK_SUCCESSFUL");
      assertThat(harness.servingTaskDefinitions("ebake"))
          .singleElement()
          .satisfies(arn -> assertThat(arn).endsWith("ebake:1"));
    }
  }

  @Test
  void restartMidBakeResumesTheCount() {
    harness.apply(
        blueGreen("erebake", 60)
            .analysis(check("soak", AnalysisPhase.Baking, productionListener("erebake"), 4))
            .build());
    var before =
        harness.awaitRelease(
            "erebake", s -> s.analysis() != null && s.analysis().get(0).runs() >= 1);
    harness.stopOperator();
    var counted = only(harness.status("erebake"));
    assertThat(counted.verdict()).isEqualTo(Verdict.Running);
    assertThat(counted.phase()).isEqualTo(AnalysisPhase.Baking);

    harness.startOperator();
    var status = harness.awaitPhase("erebake", Phase.Succeeded);

    var soak = only(status);
    assertThat(soak.startedAt()).isEqualTo(only(before).startedAt());
    assertThat(soak.runs()).isEqualTo(4);
    assertThat(soak.verdict()).isEqualTo(Verdict.Passed);
  }

  @Test
  void aHoldThatRunsOutRollsBackInsteadOfContinuing() {
    var calls = new Calls();
    harness.apply(
        release("ehold")
            .ecs(new EcsSpec(EcsStrategy.BlueGreen, null, null, 0, null, null, null, 3))
            .analysis(AnalysisGateIT.check("smoke", closedPort(), 1))
            .build());

    var status = harness.awaitPhase("ehold", Phase.RolledBack);

    assertThat(status.message())
        .startsWith("Rolled back: Lifecycle hook PAUSE hook")
        .endsWith("timed out.");
    // Three simulated minutes after the hold began, not ECS's 14 days.
    var held =
        Duration.between(Instant.parse(status.startedAt()), Instant.parse(status.completedAt()));
    assertThat(held).isLessThan(Duration.ofMinutes(30));
    assertThat(status.traffic().green()).isZero();
    var smoke = only(status);
    assertThat(smoke.verdict()).isEqualTo(Verdict.Inconclusive);
    assertThat(smoke.runs()).isPositive().isEqualTo(smoke.inconclusive());
    assertThat(smoke.lastMessage()).startsWith("The deployment ended before the check decided");
    // ECS rolled it back by itself when the hook timed out; the operator neither continued nor
    // stopped it.
    assertThat(calls.since("ContinueServiceDeployment")).isZero();
    assertThat(calls.since("StopServiceDeployment")).isZero();
    var deployment = harness.serviceDeployments("ehold").get(0);
    assertThat(deployment.statusAsString()).isEqualTo("ROLLBACK_SUCCESSFUL");
    assertThat(deployment.targetServiceRevision().requestedProductionTrafficWeight()).isZero();
    assertThat(harness.servingTaskDefinitions("ehold"))
        .singleElement()
        .satisfies(arn -> assertThat(arn).endsWith("ehold:1"));
  }

  /** The calls of one operation made since a test began (see {@link EcsAnalysisGateIT}). */
  private final class Calls {
    private final Map<String, Long> before = new HashMap<>();

    Calls() {
      for (String operation : List.of("ContinueServiceDeployment", "StopServiceDeployment")) {
        before.put(operation, harness.sim.callLog().count(operation));
      }
    }

    long since(String operation) {
      return harness.sim.callLog().count(operation) - before.get(operation);
    }
  }

  /** A 10 % canary held for 30 minutes, then {@code bakeMinutes} with both revisions kept. */
  private static Releases canary(String lane, int bakeMinutes) {
    return release(lane)
        .ecs(
            new EcsSpec(
                EcsStrategy.Canary, null, new EcsCanary(10.0, 30), bakeMinutes, null, null, null));
  }

  private static Releases blueGreen(String lane, int bakeMinutes) {
    return release(lane)
        .ecs(new EcsSpec(EcsStrategy.BlueGreen, null, null, bakeMinutes, null, null, null));
  }

  private static AnalysisCheck check(String name, AnalysisPhase phase, String url, int count) {
    return new AnalysisCheck(
        name,
        phase,
        60,
        count,
        1,
        null,
        null,
        new HttpCheck(url, List.of(200), 5, 1.0, null, null),
        null,
        null);
  }

  /** Green alone: ECS keeps the test listener on the new revision while production moves. */
  private String testListener(String lane) {
    return harness
        .sim
        .listenerUri(lane + "-lb", World.ListenerKind.TEST)
        .resolve("/health")
        .toString();
  }

  private String productionListener(String lane) {
    return harness
        .sim
        .listenerUri(lane + "-lb", World.ListenerKind.PRODUCTION)
        .resolve("/health")
        .toString();
  }
}
