package dev.ecsbluegreen.simulator;

import static dev.ecsbluegreen.simulator.SimulatorFixture.hooks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codedeploy.model.DeploymentAlreadyCompletedException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.ErrorCode;
import software.amazon.awssdk.services.codedeploy.model.StopStatus;

class RollbackTest {

  private final SimulatorFixture f = new SimulatorFixture();
  private String blueRevision;

  @AfterEach
  void close() {
    f.close();
  }

  private void group(String config, int terminationWait, String... rollbackEvents) {
    var options = new SimulatorFixture.GroupOptions();
    options.config = config;
    options.terminationWaitMinutes = terminationWait;
    options.rollbackEvents = List.of(rollbackEvents);
    options.alarms = List.of(SimulatorFixture.ALARM);
    f.createApplicationAndGroup(options);
    blueRevision = f.serviceTaskDefinition();
  }

  @Test
  void failingHookFailsTheDeploymentAndRollsBackToBlue() {
    group("CodeDeployDefault.ECSAllAtOnce", 0, "DEPLOYMENT_FAILURE");
    String id = f.deploy(hooks("AfterAllowTraffic", "CodeDeployHook_fail"));

    f.advanceMinutes(5);

    var failed = f.deployment(id);
    assertThat(failed.status()).isEqualTo(DeploymentStatus.FAILED);
    assertThat(failed.errorInformation().code()).isEqualTo(ErrorCode.HOOK_EXECUTION_FAILURE);
    String rollbackId = failed.rollbackInfo().rollbackDeploymentId();
    assertThat(rollbackId).isNotNull().isNotEqualTo(id);
    var rollback = f.deployment(rollbackId);
    assertThat(rollback.creator()).hasToString("codeDeployRollback");
    assertThat(rollback.rollbackInfo().rollbackTriggeringDeploymentId()).isEqualTo(id);
    assertThat(rollback.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    assertThat(f.serviceTaskDefinition()).isEqualTo(blueRevision);
    assertThat(f.target(id).lifecycleEvents())
        .filteredOn(e -> e.lifecycleEventName().equals("AfterAllowTraffic"))
        .extracting(e -> e.statusAsString() + "/" + e.diagnostics().errorCodeAsString())
        .containsExactly("Failed/ScriptFailed");
  }

  @Test
  void failingHookWithoutRollbackConfiguredLeavesGreenServing() {
    group("CodeDeployDefault.ECSAllAtOnce", 0);
    String id = f.deploy(hooks("AfterAllowTraffic", "CodeDeployHook_fail"));

    f.advanceMinutes(5);

    var failed = f.deployment(id);
    assertThat(failed.status()).isEqualTo(DeploymentStatus.FAILED);
    assertThat(failed.rollbackInfo()).isNull();
    assertThat(f.serviceTaskDefinition()).isNotEqualTo(blueRevision);
  }

  @Test
  void hookThatNeverAnswersTimesOutAfterAnHourOfSimulatedTime() {
    group("CodeDeployDefault.ECSAllAtOnce", 0, "DEPLOYMENT_FAILURE");
    String id = f.deploy(hooks("BeforeAllowTraffic", "CodeDeployHook_silent"));

    f.advanceMinutes(59);
    assertThat(f.deployment(id).status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
    assertThat(f.currentEvent(id)).isEqualTo("BeforeAllowTraffic");

    f.advanceMinutes(2);
    var failed = f.deployment(id);
    assertThat(failed.status()).isEqualTo(DeploymentStatus.FAILED);
    assertThat(failed.errorInformation().code()).isEqualTo(ErrorCode.HOOK_EXECUTION_FAILURE);
  }

  @Test
  void hookNamingAnUnknownFunctionFailsTheDeployment() {
    group("CodeDeployDefault.ECSAllAtOnce", 0);
    String id =
        f.deploy(hooks("BeforeInstall", "arn:aws:lambda:us-east-1:123456789012:function:nope"));

    f.advanceMinutes(1);

    var failed = f.deployment(id);
    assertThat(failed.status()).isEqualTo(DeploymentStatus.FAILED);
    assertThat(failed.errorInformation().message()).contains("nope");
  }

  @Test
  void greenThatNeverBecomesHealthyFailsInstallWithEcsUpdateError() {
    group("CodeDeployDefault.ECSAllAtOnce", 0, "DEPLOYMENT_FAILURE");
    String bad = f.registerWebRevision(Map.of("SIM_UNHEALTHY", "true"));
    String id = f.deployRevision(bad, Map.of());

    f.advanceMinutes(30);
    assertThat(f.currentEvent(id)).isEqualTo("Install");

    f.advanceMinutes(31);
    var failed = f.deployment(id);
    assertThat(failed.status()).isEqualTo(DeploymentStatus.FAILED);
    assertThat(failed.errorInformation().code()).isEqualTo(ErrorCode.ECS_UPDATE_ERROR);
    assertThat(f.serviceTaskDefinition()).isEqualTo(blueRevision);
  }

  @Test
  void stopWithRollbackDuringTrafficShiftSendsAllTrafficBackToBlue() {
    group("CodeDeployDefault.ECSCanary10Percent15Minutes", 0);
    String id = f.deploy(Map.of());
    f.advanceMinutes(3);
    assertThat(f.greenWeight(id)).isEqualTo(10.0);

    var answer = f.codeDeploy.stopDeployment(b -> b.deploymentId(id).autoRollbackEnabled(true));

    assertThat(answer.status()).isEqualTo(StopStatus.PENDING);
    var stopped = f.deployment(id);
    assertThat(stopped.status()).isEqualTo(DeploymentStatus.STOPPED);
    assertThat(stopped.errorInformation().code()).isEqualTo(ErrorCode.MANUAL_STOP);
    String rollbackId = stopped.rollbackInfo().rollbackDeploymentId();
    assertThat(f.greenWeight(rollbackId)).isEqualTo(100.0);
    f.advanceMinutes(1);
    assertThat(f.deployment(rollbackId).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    assertThat(f.serviceTaskDefinition()).isEqualTo(blueRevision);
    assertThat(f.target(rollbackId).taskSetsInfo())
        .extracting(t -> t.taskSetLabelAsString() + "=" + t.trafficWeight())
        .containsExactly("Green=100.0");
  }

  @Test
  void stopWithRollbackDuringTheBlueWaitRestoresBlue() {
    group("CodeDeployDefault.ECSAllAtOnce", 60);
    String id = f.deploy(Map.of());
    f.advanceMinutes(10);
    assertThat(f.serviceTaskDefinition()).isNotEqualTo(blueRevision);

    f.codeDeploy.stopDeployment(b -> b.deploymentId(id).autoRollbackEnabled(true));
    f.advanceMinutes(1);

    String rollbackId = f.deployment(id).rollbackInfo().rollbackDeploymentId();
    assertThat(f.deployment(rollbackId).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    assertThat(f.serviceTaskDefinition()).isEqualTo(blueRevision);
  }

  @Test
  void stopWithoutRollbackLeavesTrafficWhereItWas() {
    group("CodeDeployDefault.ECSCanary10Percent15Minutes", 0, "DEPLOYMENT_STOP_ON_REQUEST");
    String id = f.deploy(Map.of());
    f.advanceMinutes(3);

    var answer = f.codeDeploy.stopDeployment(b -> b.deploymentId(id).autoRollbackEnabled(false));

    assertThat(answer.status()).isEqualTo(StopStatus.SUCCEEDED);
    assertThat(f.deployment(id).rollbackInfo()).isNull();
    assertThat(f.greenWeight(id)).isEqualTo(10.0);
    assertThatThrownBy(() -> f.codeDeploy.stopDeployment(b -> b.deploymentId(id)))
        .isInstanceOf(DeploymentAlreadyCompletedException.class);
  }

  @Test
  void alarmGoingOffStopsTheDeploymentAndRollsBackWhenConfigured() {
    group("CodeDeployDefault.ECSLinear10PercentEvery1Minutes", 0, "DEPLOYMENT_STOP_ON_ALARM");
    String id = f.deploy(Map.of());
    f.sim.faults().alarmAt(SimulatorFixture.ALARM, f.clock.now().plusSeconds(4 * 60));

    f.advanceMinutes(3);
    assertThat(f.deployment(id).status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
    f.advanceMinutes(2);

    var stopped = f.deployment(id);
    assertThat(stopped.status()).isEqualTo(DeploymentStatus.STOPPED);
    assertThat(stopped.errorInformation().code()).isEqualTo(ErrorCode.ALARM_ACTIVE);
    assertThat(stopped.completeTime()).isEqualTo(f.deployment(id).createTime().plusSeconds(240));
    f.advanceMinutes(1);
    assertThat(f.deployment(stopped.rollbackInfo().rollbackDeploymentId()).status())
        .isEqualTo(DeploymentStatus.SUCCEEDED);
    assertThat(f.serviceTaskDefinition()).isEqualTo(blueRevision);
  }

  @Test
  void rollbackDeploymentHoldsTheGroupUntilItEnds() {
    group("CodeDeployDefault.ECSAllAtOnce", 0, "DEPLOYMENT_FAILURE");
    String failed = f.deploy(hooks("AfterAllowTraffic", "CodeDeployHook_fail"));
    // Green is healthy after 30 s and the hook fails about 41 s in; the rollback takes 10 s.
    f.advance(java.time.Duration.ofSeconds(45));
    assertThat(f.deployment(failed).status()).isEqualTo(DeploymentStatus.FAILED);

    assertThatThrownBy(() -> f.deploy(Map.of()))
        .isInstanceOf(
            software.amazon.awssdk.services.codedeploy.model.DeploymentLimitExceededException
                .class);
    f.advanceMinutes(1);
    f.deploy(Map.of());
  }
}
