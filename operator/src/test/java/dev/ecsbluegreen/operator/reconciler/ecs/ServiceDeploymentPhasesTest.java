package dev.ecsbluegreen.operator.reconciler.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.aws.ServiceDeploymentSnapshot;
import dev.ecsbluegreen.operator.aws.ServiceDeploymentSnapshot.Hook;
import dev.ecsbluegreen.operator.reconciler.Conditions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ECS's status and lifecycle stage of a service deployment, as the release's phase. */
class ServiceDeploymentPhasesTest {
  static final String ARN =
      "arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/web/Kx3vTn8QpL2mZr7YcW5eA1";

  static ServiceDeploymentSnapshot deployment(
      String status, String stage, double weight, List<Hook> hooks, String reason) {
    return new ServiceDeploymentSnapshot(
        ARN,
        status,
        reason,
        stage,
        Instant.parse("2026-03-02T10:00:00Z"),
        Instant.parse("2026-03-02T10:00:00Z"),
        null,
        weight,
        hooks,
        null,
        List.of(),
        new ServiceDeploymentSnapshot.Strategy("BLUE_GREEN", 0, null, null),
        null,
        null);
  }

  @ParameterizedTest
  @CsvSource({
    "PENDING,,Deploying",
    "IN_PROGRESS,RECONCILE_SERVICE,Deploying",
    "IN_PROGRESS,PRE_SCALE_UP,Deploying",
    "IN_PROGRESS,SCALE_UP,Deploying",
    "IN_PROGRESS,POST_SCALE_UP,Deploying",
    "IN_PROGRESS,TEST_TRAFFIC_SHIFT,TestTraffic",
    "IN_PROGRESS,POST_TEST_TRAFFIC_SHIFT,TestTraffic",
    "IN_PROGRESS,PRODUCTION_TRAFFIC_SHIFT,ShiftingTraffic",
    "IN_PROGRESS,POST_PRODUCTION_TRAFFIC_SHIFT,ShiftingTraffic",
    "IN_PROGRESS,BAKE_TIME,Baking",
    "IN_PROGRESS,CLEAN_UP,Baking",
    "SUCCESSFUL,CLEAN_UP,Succeeded",
    "STOP_REQUESTED,PRODUCTION_TRAFFIC_SHIFT,RollingBack",
    "ROLLBACK_REQUESTED,PRODUCTION_TRAFFIC_SHIFT,RollingBack",
    "ROLLBACK_IN_PROGRESS,PRODUCTION_TRAFFIC_SHIFT,RollingBack",
    "ROLLBACK_SUCCESSFUL,PRODUCTION_TRAFFIC_SHIFT,RolledBack",
    "ROLLBACK_FAILED,PRODUCTION_TRAFFIC_SHIFT,Failed",
    "STOPPED,PRODUCTION_TRAFFIC_SHIFT,Failed",
  })
  void statusAndStageGiveThePhase(String status, String stage, Phase phase) {
    var report =
        ServiceDeploymentPhases.report(
            deployment(status, stage, 0, List.of(), null), true, "web:2");

    assertThat(report.phase()).isEqualTo(phase);
  }

  @Test
  void pauseHookAwaitingActionIsTheManualGate() {
    var paused =
        deployment(
            "IN_PROGRESS",
            "POST_TEST_TRAFFIC_SHIFT",
            0,
            List.of(new Hook("hook-1", "PAUSE", null, "AWAITING_ACTION")),
            null);

    var report = ServiceDeploymentPhases.report(paused, false, "web:2");

    assertThat(report.phase()).isEqualTo(Phase.AwaitingPromotion);
    assertThat(report.health()).isEqualTo(Conditions.Health.RECONCILING);
    assertThat(report.message()).contains("ecs.bluegreen.dev/promote");
    assertThat(paused.awaitingPromotion()).isTrue();
    assertThat(paused.pauseHook().hookId()).isEqualTo("hook-1");
  }

  @Test
  void pauseHookThatWasContinuedNoLongerHolds() {
    var continued =
        deployment(
            "IN_PROGRESS",
            "PRODUCTION_TRAFFIC_SHIFT",
            40,
            List.of(new Hook("hook-1", "PAUSE", null, "SUCCEEDED")),
            null);

    assertThat(continued.awaitingPromotion()).isFalse();
    assertThat(ServiceDeploymentPhases.report(continued, false, "web:2").phase())
        .isEqualTo(Phase.ShiftingTraffic);
  }

  @Test
  void shiftingReportsTheTargetRevisionsProductionWeight() {
    var shifting = deployment("IN_PROGRESS", "PRODUCTION_TRAFFIC_SHIFT", 33.4, List.of(), null);

    var traffic = ServiceDeploymentPhases.traffic(shifting);

    assertThat(traffic.green()).isEqualTo(33);
    assertThat(traffic.blue()).isEqualTo(67);
    assertThat(ServiceDeploymentPhases.report(shifting, false, "web:2").message())
        .isEqualTo("33% of production traffic on green");
  }

  @Test
  void rolledBackStallsQuotingEcsAndNamingTheFailedHook() {
    var failed =
        deployment(
            "ROLLBACK_SUCCESSFUL",
            "POST_TEST_TRAFFIC_SHIFT",
            0,
            List.of(
                new Hook(
                    "hook-2",
                    "AWS_LAMBDA",
                    "arn:aws:lambda:us-east-1:123456789012:function:smoke",
                    "FAILED")),
            "Lifecycle hook failed: returned hookStatus FAILED");

    var report = ServiceDeploymentPhases.report(failed, true, "web:2");

    assertThat(report.phase()).isEqualTo(Phase.RolledBack);
    assertThat(report.health()).isEqualTo(Conditions.Health.STALLED);
    assertThat(report.reason()).isEqualTo("HookFailed");
    assertThat(report.message())
        .isEqualTo(
            "Rolled back: arn:aws:lambda:us-east-1:123456789012:function:smoke hook failed:"
                + " Lifecycle hook failed: returned hookStatus FAILED");
  }

  @Test
  void rollbackThatEndedBeforeAnyLookSawItIsRollingBackFirst() {
    var rolledBack = deployment("ROLLBACK_SUCCESSFUL", "TEST_TRAFFIC_SHIFT", 0, List.of(), "hook");

    var first = ServiceDeploymentPhases.report(rolledBack, false, "web:2");
    var next = ServiceDeploymentPhases.report(rolledBack, true, "web:2");

    assertThat(rolledBack.rollbackDeploymentId()).isEqualTo(ARN);
    assertThat(first.phase()).isEqualTo(Phase.RollingBack);
    assertThat(first.settled()).isFalse();
    assertThat(next.phase()).isEqualTo(Phase.RolledBack);
  }

  @Test
  void lifecycleEventsShowStagesPassedAndTheHooksOfTheStageInProgress() {
    var testing =
        deployment(
            "IN_PROGRESS",
            "POST_TEST_TRAFFIC_SHIFT",
            0,
            List.of(
                new Hook(
                    "hook-3",
                    "AWS_LAMBDA",
                    "arn:aws:lambda:us-east-1:123456789012:function:smoke",
                    "IN_PROGRESS")),
            null);

    assertThat(testing.lifecycleEvents())
        .extracting(e -> e.name() + "=" + e.status())
        .containsExactly(
            "RECONCILE_SERVICE=Succeeded",
            "PRE_SCALE_UP=Succeeded",
            "SCALE_UP=Succeeded",
            "POST_SCALE_UP=Succeeded",
            "TEST_TRAFFIC_SHIFT=Succeeded",
            "POST_TEST_TRAFFIC_SHIFT=InProgress",
            "PRODUCTION_TRAFFIC_SHIFT=Pending",
            "POST_PRODUCTION_TRAFFIC_SHIFT=Pending",
            "BAKE_TIME=Pending",
            "CLEAN_UP=Pending",
            "Hook smoke=InProgress");
  }
}
