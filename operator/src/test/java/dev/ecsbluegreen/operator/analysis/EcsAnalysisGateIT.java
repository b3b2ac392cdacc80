package dev.ecsbluegreen.operator.analysis;

import static dev.ecsbluegreen.operator.analysis.AnalysisGateIT.check;
import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus.Verdict;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.ActionResult;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsLifecycleHook;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsLifecycleHook.EcsHookStage;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec.EcsStrategy;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.operator.fixtures.Releases;
import dev.ecsbluegreen.operator.reconciler.Actions;
import dev.ecsbluegreen.simulator.world.World;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * TestTraffic analysis gates on ECS native releases: the service deployment holds at the PAUSE hook
 * with test traffic on green, the operator measures green through the simulator's test listener,
 * then answers the hook with CONTINUE or ROLLBACK. The AWS calls are counted from the simulator's
 * call log.
 */
class EcsAnalysisGateIT extends HarnessScenarios {
  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return OperatorHarness.ecsNativeWithDataPlane(
        kubernetes, "ngood", "nbad", "nslow", "ngone", "nresume", "nboth", "nlate");
  }

  @Test
  void passingCheckContinuesTheServiceDeployment() {
    var calls = new Calls();
    harness.apply(ecs("ngood").analysis(check("smoke", testListener("ngood"), 2)).build());

    var status = harness.awaitPhase("ngood", Phase.Succeeded);

    var smoke = only(status);
    assertThat(smoke.verdict()).isEqualTo(Verdict.Passed);
    assertThat(smoke.runs()).isEqualTo(2);
    assertThat(smoke.lastValue()).isEqualTo("5/5 good");
    assertThat(smoke.deploymentId()).isEqualTo(status.deploymentId());
    assertThat(calls.since("ContinueServiceDeployment")).isEqualTo(1);
    assertThat(calls.since("StopServiceDeployment")).isZero();
    assertThat(harness.servingTaskDefinitions("ngood"))
        .singleElement()
        .satisfies(arn -> assertThat(arn).endsWith("ngood:2"));
    assertThat(harness.events("ngood"))
        .anySatisfy(
            e -> {
              assertThat(e.getReason()).isEqualTo(AnalysisGate.PASSED);
              assertThat(e.getMessage()).startsWith("Analysis check smoke passed after 2 runs");
            });
  }

  @Test
  void failingCheckRollsBackAtThePauseHookBeforeProductionTrafficMoves() {
    var calls = new Calls();
    try (var phases = harness.watchPhases("nbad")) {
      harness.apply(
          ecs("nbad")
              .env("SIM_ERROR_RATE", "1")
              .analysis(check("smoke", testListener("nbad"), 3))
              .build());

      var status = harness.awaitPhase("nbad", Phase.RolledBack);

      assertThat(phases.phases())
          .contains(Phase.TestTraffic, Phase.RollingBack)
          .doesNotContain(Phase.AwaitingPromotion, Phase.ShiftingTraffic, Phase.Baking);
      assertThat(status.message())
          .startsWith("Rolled back: analysis check smoke failed")
          .contains("0/5 good")
          .contains("5 answered 500");
      assertThat(status.history().get(0).message()).isEqualTo(status.message());
      assertThat(only(status).verdict()).isEqualTo(Verdict.Failed);
      assertThat(status.traffic().green()).isZero();
      // The hold was refused at the hook (ContinueServiceDeployment ROLLBACK), not stopped.
      assertThat(calls.since("ContinueServiceDeployment")).isEqualTo(1);
      assertThat(calls.since("StopServiceDeployment")).isZero();
      var deployment = harness.serviceDeployments("nbad").get(0);
      assertThat(deployment.statusAsString()).isEqualTo("ROLLBACK_SUCCESSFUL");
      assertThat(deployment.rollback().reason()).contains("ContinueServiceDeployment");
      assertThat(deployment.targetServiceRevision().requestedProductionTrafficWeight()).isZero();
      assertThat(harness.servingTaskDefinitions("nbad"))
          .singleElement()
          .satisfies(arn -> assertThat(arn).endsWith("nbad:1"));
      assertThat(harness.events("nbad"))
          .anySatisfy(
              e -> {
                assertThat(e.getReason()).isEqualTo(AnalysisGate.FAILED);
                assertThat(e.getType()).isEqualTo("Warning");
              });
    }
  }

  @Test
  void whileEcsRollsBackTheStatusNamesTheFailedCheck() {
    // ECS runs the PRODUCTION_TRAFFIC_SHIFT hooks again as it rolls back: the slow one keeps the
    // rollback under way for ten simulated minutes, past several passes of the operator.
    var slow =
        new EcsLifecycleHook(
            "arn:aws:lambda:us-east-1:123456789012:function:" + OperatorHarness.SLOW_ECS_HOOK,
            "arn:aws:iam::123456789012:role/ecsHookRole",
            List.of(EcsHookStage.PRODUCTION_TRAFFIC_SHIFT),
            null,
            null,
            null);
    harness.apply(
        release("nslow")
            .ecs(new EcsSpec(EcsStrategy.BlueGreen, null, null, 0, null, List.of(slow), null))
            .env("SIM_ERROR_RATE", "1")
            .analysis(check("smoke", testListener("nslow"), 1))
            .build());

    var rollingBack =
        harness.awaitRelease(
            "nslow",
            s ->
                s.phase() == Phase.RollingBack
                    && "ROLLBACK_IN_PROGRESS".equals(s.deploymentStatus()));

    assertThat(rollingBack.message())
        .startsWith("Rolling back: analysis check smoke failed")
        .contains("5 answered 500");
    assertThat(harness.awaitPhase("nslow", Phase.RolledBack).message())
        .startsWith("Rolled back: analysis check smoke failed");
  }

  @Test
  void unreachableTargetNeverPassesTheHold() {
    var calls = new Calls();
    harness.apply(ecs("ngone").analysis(check("smoke", closedPort(), 1)).build());

    var status =
        harness.awaitRelease(
            "ngone", s -> s.analysis() != null && s.analysis().get(0).inconclusive() >= 3);

    var smoke = only(status);
    assertThat(smoke.verdict()).isEqualTo(Verdict.Running);
    assertThat(smoke.runs()).isEqualTo(smoke.inconclusive());
    assertThat(smoke.lastMessage()).contains("could not be reached");
    assertThat(status.phase()).isEqualTo(Phase.TestTraffic);
    assertThat(status.message()).contains("smoke 0/1 passed").contains("inconclusive");
    assertThat(status.traffic().green()).isZero();
    assertThat(calls.since("ContinueServiceDeployment")).isZero();
    assertThat(harness.serviceDeployments("ngone").get(0).statusAsString())
        .isEqualTo("IN_PROGRESS");
  }

  @Test
  void restartMidAnalysisResumesTheCount() {
    var calls = new Calls();
    harness.apply(ecs("nresume").analysis(check("smoke", testListener("nresume"), 3)).build());
    var before =
        harness.awaitRelease(
            "nresume", s -> s.analysis() != null && s.analysis().get(0).runs() >= 1);
    harness.stopOperator();
    var counted = only(harness.status("nresume"));
    assertThat(counted.verdict()).isEqualTo(Verdict.Running);

    harness.startOperator();
    var status = harness.awaitPhase("nresume", Phase.Succeeded);

    var smoke = only(status);
    assertThat(smoke.startedAt()).isEqualTo(only(before).startedAt());
    assertThat(smoke.runs()).isEqualTo(3);
    assertThat(smoke.verdict()).isEqualTo(Verdict.Passed);
    assertThat(calls.since("ContinueServiceDeployment")).isEqualTo(1);
  }

  @Test
  void aPromoteGivenWhileTheChecksCountOpensTheHoldOnceTheyPass() {
    var calls = new Calls();
    harness.apply(
        ecs("nboth").manualPromotion().analysis(check("smoke", testListener("nboth"), 4)).build());
    harness.awaitRelease("nboth", s -> s.analysis() != null && s.analysis().get(0).runs() >= 1);

    harness.annotate("nboth", Actions.PROMOTE, "early");
    var early =
        harness.awaitRelease("nboth", s -> s.actions() != null && s.actions().promote() != null);
    assertThat(early.actions().promote().result()).isEqualTo(ActionResult.Applied);
    assertThat(early.actions().promote().message()).contains("once analysis passed");

    var promoted = harness.awaitPhase("nboth", Phase.Succeeded);
    assertThat(only(promoted).verdict()).isEqualTo(Verdict.Passed);
    assertThat(only(promoted).runs()).isEqualTo(4);
    assertThat(calls.since("ContinueServiceDeployment")).isEqualTo(1);
  }

  @Test
  void aPromoteGivenAfterTheChecksPassedOpensTheHold() {
    var calls = new Calls();
    harness.apply(
        ecs("nlate").manualPromotion().analysis(check("smoke", testListener("nlate"), 2)).build());

    var passed =
        harness.awaitRelease(
            "nlate",
            s ->
                s.analysis() != null
                    && s.analysis().get(0).verdict() == Verdict.Passed
                    && s.phase() == Phase.AwaitingPromotion);
    assertThat(passed.message()).startsWith("Analysis passed (smoke 2/2 passed)");
    assertThat(passed.traffic().green()).isZero();
    assertThat(calls.since("ContinueServiceDeployment")).isZero();

    harness.annotate("nlate", Actions.PROMOTE, "after-analysis");
    var promoted = harness.awaitPhase("nlate", Phase.Succeeded);
    assertThat(promoted.actions().promote().result()).isEqualTo(ActionResult.Applied);
    assertThat(calls.since("ContinueServiceDeployment")).isEqualTo(1);
  }

  /**
   * The calls of one operation made since a test began. The class's releases share the simulator,
   * and each test's release is the only one still moving while it runs: the releases of earlier
   * tests ended, or hold with an unreachable check that never continues them.
   */
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

  private static Releases ecs(String lane) {
    return release(lane).ecs(new EcsSpec(EcsStrategy.BlueGreen, null, null, 0, null, null, null));
  }

  private String testListener(String lane) {
    return harness
        .sim
        .listenerUri(lane + "-lb", World.ListenerKind.TEST)
        .resolve("/health")
        .toString();
  }

  static AnalysisCheckStatus only(EcsBlueGreenReleaseStatus status) {
    assertThat(status.analysis()).hasSize(1);
    return status.analysis().get(0);
  }

  static String closedPort() {
    try (var socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/health";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
