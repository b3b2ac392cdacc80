package dev.ecsbluegreen.operator.reconciler.codedeploy;

import static dev.ecsbluegreen.operator.fixtures.Deployments.deployment;
import static dev.ecsbluegreen.operator.reconciler.ReleasePlannerTest.UID;
import static dev.ecsbluegreen.operator.reconciler.ReleasePlannerTest.done;
import static dev.ecsbluegreen.operator.reconciler.ReleasePlannerTest.intent;
import static dev.ecsbluegreen.operator.reconciler.ReleasePlannerTest.release;
import static dev.ecsbluegreen.operator.reconciler.ReleasePlannerTest.tracking;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.DeletionPolicy;
import dev.ecsbluegreen.operator.aws.DeploymentDescription;
import dev.ecsbluegreen.operator.aws.DeploymentState;
import dev.ecsbluegreen.operator.aws.ReleaseIdentity;
import dev.ecsbluegreen.operator.config.OperatorConfig;
import dev.ecsbluegreen.operator.fixtures.FakeCodeDeployGateway;
import dev.ecsbluegreen.operator.fixtures.Releases;
import dev.ecsbluegreen.operator.reconciler.ReleaseToken;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Deletion: what stays and what goes in AWS, and when the finalizer is let go. */
class ReleaseCleanerTest {
  final FakeCodeDeployGateway codeDeploy = new FakeCodeDeployGateway();
  final ReleaseCleaner cleaner =
      new ReleaseCleaner(
          codeDeploy.access(),
          new DeploymentTracker(
              codeDeploy.access(), Clock.systemUTC(), Duration.ZERO, Duration.ZERO),
          OperatorConfig.defaults(),
          new PreparingMemory());

  @Test
  void orphanPolicyLeavesTheDeploymentAndLetsGo() {
    codeDeploy.put(deployment("d-1").at("AllowTraffic").build());
    var release =
        release(
            1, tracking(1, "d-1"), Releases.release("web").deletionPolicy(DeletionPolicy.Orphan));

    var control = cleaner.cleanup(release);

    assertThat(control.isRemoveFinalizer()).isTrue();
    assertThat(codeDeploy.calls).isEmpty();
  }

  @Test
  void activeDeploymentIsStoppedWithRollbackAndTheFinalizerKept() {
    codeDeploy.put(deployment("d-1").at("AllowTraffic").build());

    var control = cleaner.cleanup(release(1, tracking(1, "d-1")));

    assertThat(control.isRemoveFinalizer()).isFalse();
    assertThat(control.getScheduleDelay()).isPresent();
    assertThat(codeDeploy.calls).contains("StopDeployment d-1 rollback=true");
  }

  @Test
  void finalizerStaysUntilTheRollbackEnded() {
    codeDeploy.put(deployment("d-1").stopped("MANUAL_STOP", "x").rolledBackBy("d-2").build());
    codeDeploy.put(deployment("d-2").at("AllowTraffic").build());

    var control = cleaner.cleanup(release(1, tracking(1, "d-1")));

    assertThat(control.isRemoveFinalizer()).isFalse();
    assertThat(codeDeploy.calls).noneMatch(c -> c.startsWith("StopDeployment"));
  }

  @Test
  void endedDeploymentLetsTheResourceGo() {
    codeDeploy.put(deployment("d-1").stopped("MANUAL_STOP", "x").rolledBackBy("d-2").build());
    codeDeploy.put(deployment("d-2").state(DeploymentState.SUCCEEDED).build());

    assertThat(cleaner.cleanup(release(1, tracking(1, "d-1"))).isRemoveFinalizer()).isTrue();
  }

  @Test
  void settledReleaseCallsNothing() {
    assertThat(cleaner.cleanup(release(1, done(1, "d-1", "SUCCEEDED"))).isRemoveFinalizer())
        .isTrue();
    assertThat(codeDeploy.calls).isEmpty();
  }

  @Test
  void deploymentWhoseIdNeverReachedStatusIsFoundAndStopped() {
    var identity = new ReleaseIdentity("default", "web", UID, 1, ReleaseToken.of(UID, 1, 0));
    codeDeploy.put(
        deployment("d-LOST").description(DeploymentDescription.of(identity)).at("Install").build());
    codeDeploy.put(deployment("d-OTHER").description("someone else").at("Install").build());

    var control = cleaner.cleanup(release(1, intent(1)));

    assertThat(control.isRemoveFinalizer()).isFalse();
    assertThat(codeDeploy.calls).contains("StopDeployment d-LOST rollback=true");
    assertThat(codeDeploy.calls).noneMatch(c -> c.contains("d-OTHER rollback"));
  }
}
