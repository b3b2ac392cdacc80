package dev.ecsbluegreen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codedeploy.model.DeploymentIsNotInReadyStateException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.DeploymentWaitType;
import software.amazon.awssdk.services.codedeploy.model.ErrorCode;
import software.amazon.awssdk.services.codedeploy.model.TargetStatus;

class ReadyWaitTest {

  private final SimulatorFixture f = new SimulatorFixture();

  @AfterEach
  void close() {
    f.close();
  }

  private String deployWithReadyWait(int minutes) {
    var options = new SimulatorFixture.GroupOptions();
    options.readyWaitMinutes = minutes;
    f.createApplicationAndGroup(options);
    return f.deploy(Map.of());
  }

  @Test
  void deploymentWaitsInReadyWithGreenOnTheTestListenerOnly() {
    String id = deployWithReadyWait(30);

    f.advanceMinutes(5);

    var info = f.deployment(id);
    assertThat(info.status()).isEqualTo(DeploymentStatus.READY);
    assertThat(info.deploymentOverview().ready()).isEqualTo(1L);
    assertThat(f.target(id).status()).isEqualTo(TargetStatus.READY);
    assertThat(f.greenWeight(id)).isZero();
  }

  @Test
  void continueDeploymentReleasesTheReadyWait() {
    String id = deployWithReadyWait(30);
    f.advanceMinutes(5);

    f.codeDeploy.continueDeployment(
        b -> b.deploymentId(id).deploymentWaitType(DeploymentWaitType.READY_WAIT));
    f.advanceMinutes(1);

    assertThat(f.deployment(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
  }

  @Test
  void readyWaitNotContinuedInTimeStopsTheDeployment() {
    String id = deployWithReadyWait(30);
    String blue = f.serviceTaskDefinition();

    f.advanceMinutes(31);

    var info = f.deployment(id);
    assertThat(info.status()).isEqualTo(DeploymentStatus.STOPPED);
    assertThat(info.errorInformation().code()).isEqualTo(ErrorCode.TIMEOUT);
    assertThat(f.serviceTaskDefinition()).isEqualTo(blue);
  }

  @Test
  void continueOutsideTheReadyStateIsRefused() {
    String id = deployWithReadyWait(30);
    f.advanceMinutes(0);

    assertThatThrownBy(
            () ->
                f.codeDeploy.continueDeployment(
                    b -> b.deploymentId(id).deploymentWaitType(DeploymentWaitType.READY_WAIT)))
        .isInstanceOf(DeploymentIsNotInReadyStateException.class);
  }
}
