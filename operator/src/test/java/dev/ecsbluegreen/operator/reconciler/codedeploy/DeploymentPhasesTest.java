package dev.ecsbluegreen.operator.reconciler.codedeploy;

import static dev.ecsbluegreen.operator.fixtures.Deployments.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.aws.DeploymentState;
import dev.ecsbluegreen.operator.reconciler.Conditions.Health;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeploymentPhasesTest {

  @ParameterizedTest
  @CsvSource({
    "BeforeInstall, Deploying",
    "Install, Deploying",
    "AfterInstall, Deploying",
    "AllowTestTraffic, TestTraffic",
    "AfterAllowTestTraffic, TestTraffic",
    "BeforeAllowTraffic, ShiftingTraffic",
    "AllowTraffic, ShiftingTraffic",
    "AfterAllowTraffic, ShiftingTraffic"
  })
  void mapsTheCurrentLifecycleEventToItsPhase(String event, Phase phase) {
    var report = DeploymentPhases.report(deployment("d-1").at(event).build(), null, "web:2");

    assertThat(report.phase()).isEqualTo(phase);
    assertThat(report.health()).isEqualTo(Health.RECONCILING);
  }

  /**
   * Reads where the deployment's state and its target disagree (the target is read a moment later)
   * or where no event is running: the phase stays where the events that ran put it.
   */
  @ParameterizedTest
  @CsvSource({
    // state, target status, last event that ran, how it ended, status of the later events, phase
    "IN_PROGRESS, InProgress, Install, Succeeded, Pending, Deploying",
    "IN_PROGRESS, InProgress, AfterInstall, Succeeded, Pending, Deploying",
    "IN_PROGRESS, InProgress, AllowTestTraffic, Succeeded, Pending, TestTraffic",
    "IN_PROGRESS, InProgress, AfterAllowTestTraffic, Succeeded, Pending, TestTraffic",
    "IN_PROGRESS, Ready, AfterAllowTestTraffic, Succeeded, Pending, AwaitingPromotion",
    "READY, InProgress, BeforeAllowTraffic, InProgress, Pending, AwaitingPromotion",
    "IN_PROGRESS, InProgress, AllowTraffic, Succeeded, Pending, ShiftingTraffic",
    "IN_PROGRESS, Failed, AfterAllowTestTraffic, Failed, Skipped, TestTraffic",
    "IN_PROGRESS, Failed, AfterInstall, Failed, Skipped, Deploying",
    "IN_PROGRESS, Failed, AllowTraffic, Failed, Skipped, ShiftingTraffic",
    "IN_PROGRESS, InProgress, BeforeInstall, Pending, Pending, Deploying"
  })
  void phaseFollowsTheEventsThatRanNotTheNextPendingOne(
      DeploymentState state, String target, String event, String ended, String later, Phase phase) {
    var deployment = deployment("d-1").state(state).target(target).rest(later);
    switch (ended) {
      case "Succeeded" -> deployment.after(event);
      case "Failed" -> deployment.failedAt(event, "HOOK_EXECUTION_FAILURE", "x").state(state);
      case "InProgress" -> deployment.at(event);
      default -> deployment.rest(ended);
    }

    var report = DeploymentPhases.report(deployment.build(), null, "web:2");

    assertThat(report.phase()).isEqualTo(phase);
  }

  @Test
  void createdDeploymentIsDeploying() {
    var report =
        DeploymentPhases.report(
            deployment("d-1").state(DeploymentState.CREATED).build(), null, null);

    assertThat(report.phase()).isEqualTo(Phase.Deploying);
    assertThat(report.reason()).isEqualTo("DeploymentCreated");
  }

  @Test
  void readyDeploymentAwaitsPromotion() {
    var report =
        DeploymentPhases.report(deployment("d-1").state(DeploymentState.READY).build(), null, null);

    assertThat(report.phase()).isEqualTo(Phase.AwaitingPromotion);
    assertThat(report.message()).contains("ecs.bluegreen.dev/promote");
  }

  @Test
  void inProgressWithTheTargetSucceededIsBaking() {
    var report =
        DeploymentPhases.report(deployment("d-1").targetSucceeded().green(100).build(), null, null);

    assertThat(report.phase()).isEqualTo(Phase.Baking);
  }

  @Test
  void unknownStateKeepsPolling() {
    var report =
        DeploymentPhases.report(
            deployment("d-1").state(DeploymentState.UNKNOWN).at("Install").build(), null, null);

    assertThat(report.health()).isEqualTo(Health.RECONCILING);
  }

  @Test
  void succeededIsReadyAndNamesTheRevision() {
    var report =
        DeploymentPhases.report(
            deployment("d-1").state(DeploymentState.SUCCEEDED).build(), null, "web:7");

    assertThat(report.phase()).isEqualTo(Phase.Succeeded);
    assertThat(report.health()).isEqualTo(Health.READY);
    assertThat(report.message()).contains("web:7");
  }

  @Test
  void failedWithRollbackUnderWayIsRollingBack() {
    var failed =
        deployment("d-1")
            .failedAt("AfterAllowTestTraffic", "HOOK_EXECUTION_FAILURE", "smoke test failed")
            .rolledBackBy("d-2")
            .build();
    var rollback = deployment("d-2").at("AllowTraffic").build();

    var report = DeploymentPhases.report(failed, rollback, null);

    assertThat(report.phase()).isEqualTo(Phase.RollingBack);
    assertThat(report.health()).isEqualTo(Health.RECONCILING);
  }

  @Test
  void hookFailureRolledBackNamesTheHookAndStalls() {
    var failed =
        deployment("d-1")
            .failedAt("AfterAllowTestTraffic", "HOOK_EXECUTION_FAILURE", "smoke test failed")
            .rolledBackBy("d-2")
            .build();
    var rollback = deployment("d-2").state(DeploymentState.SUCCEEDED).build();

    var report = DeploymentPhases.report(failed, rollback, null);

    assertThat(report.phase()).isEqualTo(Phase.RolledBack);
    assertThat(report.health()).isEqualTo(Health.STALLED);
    assertThat(report.reason()).isEqualTo("HookFailed");
    assertThat(report.message())
        .contains("AfterAllowTestTraffic hook failed (HOOK_EXECUTION_FAILURE): smoke test failed");
  }

  @Test
  void stopOnRequestRolledBackSaysSo() {
    var stopped =
        deployment("d-1").stopped("MANUAL_STOP", "stopped by user").rolledBackBy("d-2").build();
    var rollback = deployment("d-2").state(DeploymentState.SUCCEEDED).build();

    var report = DeploymentPhases.report(stopped, rollback, null);

    assertThat(report.phase()).isEqualTo(Phase.RolledBack);
    assertThat(report.reason()).isEqualTo("RolledBack");
    assertThat(report.message()).contains("stopped on request (MANUAL_STOP)");
  }

  @Test
  void failedWithoutRollbackIsFailed() {
    var failed =
        deployment("d-1").failedAt("Install", "ECS_UPDATE_ERROR", "green never stable").build();

    var report = DeploymentPhases.report(failed, null, null);

    assertThat(report.phase()).isEqualTo(Phase.Failed);
    assertThat(report.reason()).isEqualTo("DeploymentFailed");
    assertThat(report.message()).contains("ECS_UPDATE_ERROR").contains("green never stable");
  }

  @Test
  void rollbackThatFailedIsFailedNotRolledBack() {
    var stopped = deployment("d-1").stopped("MANUAL_STOP", "stopped").rolledBackBy("d-2").build();
    var rollback = deployment("d-2").failedAt("Install", "ECS_UPDATE_ERROR", "x").build();

    assertThat(DeploymentPhases.report(stopped, rollback, null).phase()).isEqualTo(Phase.Failed);
  }

  @Test
  void trafficSplitComesFromTheGreenTaskSetWeight() {
    var traffic = DeploymentPhases.traffic(deployment("d-1").at("AllowTraffic").green(10).build());

    assertThat(traffic.green()).isEqualTo(10);
    assertThat(traffic.blue()).isEqualTo(90);
  }

  @Test
  void aRunningDeploymentWhoseTargetWasNotReadClaimsNoStepAndNoWeights() {
    var running = deployment("d-1").at("AllowTraffic").green(10).build().withTarget(null);

    var report = DeploymentPhases.report(running, null, "web:2");

    assertThat(report.phase()).isEqualTo(Phase.Deploying);
    assertThat(report.message()).contains("d-1 in progress").doesNotContain("installing");
    assertThat(DeploymentPhases.traffic(running)).isNull();
  }

  @Test
  void bakingWithoutTheTargetIsBakingWithAllTrafficOnGreen() {
    var baking =
        deployment("d-1").state(DeploymentState.BAKING).targetSucceeded().build().withTarget(null);

    assertThat(DeploymentPhases.report(baking, null, "web:2").phase()).isEqualTo(Phase.Baking);
    assertThat(DeploymentPhases.traffic(baking).green()).isEqualTo(100);
  }
}
