package dev.ecsbluegreen.operator.analysis;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus.Verdict;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.ActionResult;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.HttpCheck;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.operator.reconciler.Actions;
import dev.ecsbluegreen.simulator.world.World;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TestTraffic analysis gates on CodeDeploy releases: the operator measures green through the test
 * listener of the simulator's data plane while the deployment waits at the ready wait, then lets
 * production traffic move or rolls back.
 */
class AnalysisGateIT extends HarnessScenarios {
  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return OperatorHarness.withDataPlane(
        kubernetes, "good", "bad", "gone", "resume", "both", "nowait");
  }

  @Test
  void passingCheckLetsProductionTrafficMove() {
    waitingGroup("good");
    harness.apply(release("good").analysis(check("smoke", testListener("good"), 2)).build());

    var status = harness.awaitPhase("good", Phase.Succeeded);

    var smoke = only(status);
    assertThat(smoke.verdict()).isEqualTo(Verdict.Passed);
    assertThat(smoke.runs()).isEqualTo(2);
    assertThat(smoke.failures()).isZero();
    assertThat(smoke.lastValue()).isEqualTo("5/5 good");
    assertThat(smoke.deploymentId()).isEqualTo(status.deploymentId());
    assertThat(harness.runningTaskDefinition("good")).endsWith("good:2");
    assertThat(harness.events("good"))
        .anySatisfy(
            e -> {
              assertThat(e.getReason()).isEqualTo(AnalysisGate.PASSED);
              assertThat(e.getType()).isEqualTo("Normal");
              assertThat(e.getMessage()).startsWith("Analysis check smoke passed after 2 runs");
            });
  }

  @Test
  void failingCheckRollsBackBeforeProductionTrafficMoves() {
    waitingGroup("bad");
    try (var phases = harness.watchPhases("bad")) {
      harness.apply(
          release("bad")
              .env("SIM_ERROR_RATE", "1")
              .analysis(check("smoke", testListener("bad"), 3))
              .build());

      var status = harness.awaitPhase("bad", Phase.RolledBack);

      assertThat(phases.phases())
          .contains(Phase.TestTraffic, Phase.RollingBack)
          .doesNotContain(Phase.AwaitingPromotion, Phase.ShiftingTraffic, Phase.Baking);
      assertThat(status.message())
          .startsWith("Rolled back: analysis check smoke failed")
          .contains("0/5 good")
          .contains("5 answered 500");
      assertThat(status.history().get(0).message()).isEqualTo(status.message());
      var smoke = only(status);
      assertThat(smoke.verdict()).isEqualTo(Verdict.Failed);
      assertThat(smoke.failures()).isEqualTo(1);
      assertThat(status.traffic().green()).isZero();
      assertThat(harness.runningTaskDefinition("bad")).endsWith("bad:1");
      assertThat(harness.events("bad"))
          .anySatisfy(
              e -> {
                assertThat(e.getReason()).isEqualTo(AnalysisGate.FAILED);
                assertThat(e.getType()).isEqualTo("Warning");
                assertThat(e.getMessage()).contains("smoke failed");
              });
    }
  }

  @Test
  void unreachableTargetIsCountedInconclusiveAndNeverPasses() {
    waitingGroup("gone");
    harness.apply(release("gone").analysis(check("smoke", closedPort(), 1)).build());

    var status =
        harness.awaitRelease(
            "gone", s -> s.analysis() != null && s.analysis().get(0).inconclusive() >= 3);

    var smoke = only(status);
    assertThat(smoke.verdict()).isEqualTo(Verdict.Running);
    assertThat(smoke.runs()).isEqualTo(smoke.inconclusive());
    assertThat(smoke.lastMessage()).contains("could not be reached");
    assertThat(status.phase()).isEqualTo(Phase.TestTraffic);
    assertThat(status.message()).contains("smoke 0/1 passed").contains("inconclusive");
    assertThat(status.traffic().green()).isZero();
  }

  @Test
  void restartMidAnalysisResumesTheCount() {
    waitingGroup("resume");
    harness.apply(release("resume").analysis(check("smoke", testListener("resume"), 3)).build());
    var before =
        harness.awaitRelease(
            "resume", s -> s.analysis() != null && s.analysis().get(0).runs() >= 1);
    harness.stopOperator();
    var counted = only(harness.status("resume"));
    assertThat(counted.verdict()).isEqualTo(Verdict.Running);

    harness.startOperator();
    var status = harness.awaitPhase("resume", Phase.Succeeded);

    var smoke = only(status);
    assertThat(smoke.startedAt()).isEqualTo(only(before).startedAt());
    assertThat(smoke.runs()).isEqualTo(3);
    assertThat(smoke.verdict()).isEqualTo(Verdict.Passed);
  }

  @Test
  void manualPromotionAndAnalysisBothOpenTheGate() {
    waitingGroup("both");
    harness.apply(
        release("both")
            .manualPromotion()
            .analysis(check("smoke", testListener("both"), 4))
            .build());
    harness.awaitRelease("both", s -> s.analysis() != null && s.analysis().get(0).runs() >= 1);

    harness.annotate("both", Actions.PROMOTE, "early");
    var early =
        harness.awaitRelease("both", s -> s.actions() != null && s.actions().promote() != null);
    assertThat(early.actions().promote().result()).isEqualTo(ActionResult.Ignored);
    assertThat(early.actions().promote().message()).contains("analysis has not passed yet");

    var passed =
        harness.awaitRelease(
            "both",
            s ->
                s.analysis().get(0).verdict() == Verdict.Passed
                    && s.phase() == Phase.AwaitingPromotion);
    assertThat(passed.message()).startsWith("Analysis passed (smoke 4/4 passed)");
    assertThat(passed.traffic().green()).isZero();

    harness.annotate("both", Actions.PROMOTE, "after-analysis");
    var promoted = harness.awaitPhase("both", Phase.Succeeded);
    assertThat(promoted.actions().promote().result()).isEqualTo(ActionResult.Applied);
  }

  @Test
  void unmanagedGroupThatWouldNotWaitStalls() {
    harness.createGroup("nowait", 0);
    harness.apply(release("nowait").analysis(check("smoke", testListener("nowait"), 1)).build());

    var status =
        harness.awaitRelease(
            "nowait", s -> s.message() != null && s.message().contains("spec.analysis"));

    assertThat(status.phase()).isEqualTo(Phase.Failed);
    assertThat(status.message()).contains("CONTINUE_DEPLOYMENT").contains("STOP_DEPLOYMENT");
    assertThat(harness.deployments("nowait")).isEmpty();
  }

  private void waitingGroup(String lane) {
    harness.createGroup(harness.groupShape(lane, 0, "STOP_DEPLOYMENT", 600));
  }

  private String testListener(String lane) {
    return harness
        .sim
        .listenerUri(lane + "-lb", World.ListenerKind.TEST)
        .resolve("/health")
        .toString();
  }

  static AnalysisCheck check(String name, String url, int count) {
    return new AnalysisCheck(
        name, null, 30, count, 1, null, new HttpCheck(url, List.of(200), 5, 1.0, null, null), null);
  }

  private static AnalysisCheckStatus only(EcsBlueGreenReleaseStatus status) {
    assertThat(status.analysis()).hasSize(1);
    return status.analysis().get(0);
  }

  private static String closedPort() {
    try (var socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/health";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
