package dev.ecsbluegreen.simulator;

import static dev.ecsbluegreen.simulator.SimulatorFixture.hooks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codedeploy.model.DeploymentNotStartedException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.DeploymentWaitType;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEvent;
import software.amazon.awssdk.services.codedeploy.model.TargetStatus;

class DeploymentLifecycleTest {

  private final SimulatorFixture f = new SimulatorFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void allAtOnceDeploymentRunsEveryLifecycleEventInOrderAndSucceeds() {
    f.createApplicationAndGroup(new SimulatorFixture.GroupOptions());
    String newRevision = f.registerWebRevision(Map.of());
    String id = f.deployRevision(newRevision, hooks("AfterAllowTestTraffic", "CodeDeployHook_ok"));

    assertThat(f.deployment(id).status()).isEqualTo(DeploymentStatus.CREATED);
    assertThatThrownBy(() -> f.target(id)).isInstanceOf(DeploymentNotStartedException.class);

    f.advanceMinutes(5);

    var info = f.deployment(id);
    assertThat(info.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    assertThat(info.completeTime()).isAfter(info.startTime());
    assertThat(info.deploymentOverview().succeeded()).isEqualTo(1L);
    var target = f.target(id);
    assertThat(target.lifecycleEvents())
        .extracting(LifecycleEvent::lifecycleEventName)
        .containsExactly(
            "BeforeInstall",
            "Install",
            "AfterInstall",
            "AllowTestTraffic",
            "AfterAllowTestTraffic",
            "BeforeAllowTraffic",
            "AllowTraffic",
            "AfterAllowTraffic");
    assertThat(target.lifecycleEvents())
        .extracting(e -> e.statusAsString())
        .containsOnly("Succeeded");
    assertThat(target.taskSetsInfo()).hasSize(1);
    assertThat(target.taskSetsInfo().get(0).taskSetLabelAsString()).isEqualTo("Green");
    assertThat(target.taskSetsInfo().get(0).trafficWeight()).isEqualTo(100.0);
    assertThat(f.serviceTaskDefinition()).isEqualTo(newRevision);
  }

  @Test
  void deploymentStaysInProgressDuringTheTerminationWaitWithBlueKept() {
    var options = new SimulatorFixture.GroupOptions();
    options.terminationWaitMinutes = 30;
    f.createApplicationAndGroup(options);
    String id = f.deploy(Map.of());

    f.advanceMinutes(5);

    assertThat(f.deployment(id).status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
    var target = f.target(id);
    assertThat(target.status()).isEqualTo(TargetStatus.SUCCEEDED);
    assertThat(target.taskSetsInfo())
        .extracting(t -> t.taskSetLabelAsString() + "=" + t.trafficWeight() + "/" + t.status())
        .containsExactlyInAnyOrder("Blue=0.0/ACTIVE", "Green=100.0/PRIMARY");

    f.advanceMinutes(30);

    assertThat(f.deployment(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    assertThat(f.target(id).taskSetsInfo()).hasSize(1);
  }

  @Test
  void continueDeploymentWithTerminationWaitEndsTheBlueWaitEarly() {
    var options = new SimulatorFixture.GroupOptions();
    options.terminationWaitMinutes = 60;
    f.createApplicationAndGroup(options);
    String id = f.deploy(Map.of());
    f.advanceMinutes(5);

    f.codeDeploy.continueDeployment(
        b -> b.deploymentId(id).deploymentWaitType(DeploymentWaitType.TERMINATION_WAIT));

    assertThat(f.deployment(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
  }

  @Test
  void deprecatedSkipWaitTimeForInstanceTerminationAlsoEndsTheBlueWait() throws Exception {
    var options = new SimulatorFixture.GroupOptions();
    options.terminationWaitMinutes = 60;
    f.createApplicationAndGroup(options);
    String id = f.deploy(Map.of());
    f.advanceMinutes(5);

    // The Java SDK no longer models this operation; the AWS CLI still sends it.
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(f.sim.endpoint())
                    .header(
                        "X-Amz-Target", "CodeDeploy_20141006.SkipWaitTimeForInstanceTermination")
                    .header("Content-Type", "application/x-amz-json-1.1")
                    .POST(
                        java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"deploymentId\":\"" + id + "\"}"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);

    assertThat(f.deployment(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
  }

  @Test
  void canaryDeploymentShiftsTheCanaryShareThenTheRestAfterTheInterval() {
    var options = new SimulatorFixture.GroupOptions();
    options.config = "CodeDeployDefault.ECSCanary10Percent5Minutes";
    f.createApplicationAndGroup(options);
    String id = f.deploy(Map.of());

    f.advanceMinutes(2);
    assertThat(f.currentEvent(id)).isEqualTo("AllowTraffic");
    assertThat(f.greenWeight(id)).isEqualTo(10.0);

    f.advanceMinutes(2);
    assertThat(f.greenWeight(id)).isEqualTo(10.0);

    f.advanceMinutes(2);
    assertThat(f.deployment(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
  }

  @Test
  void linearDeploymentAddsItsPercentageEveryInterval() {
    f.codeDeploy.createDeploymentConfig(
        b ->
            b.deploymentConfigName("Linear25Every2")
                .computePlatform("ECS")
                .trafficRoutingConfig(
                    t ->
                        t.type("TimeBasedLinear")
                            .timeBasedLinear(l -> l.linearPercentage(25).linearInterval(2))));
    var options = new SimulatorFixture.GroupOptions();
    options.config = "Linear25Every2";
    f.createApplicationAndGroup(options);
    String id = f.deploy(Map.of());

    f.advance(Duration.ofSeconds(60));
    assertThat(f.greenWeight(id)).isEqualTo(25.0);
    f.advanceMinutes(2);
    assertThat(f.greenWeight(id)).isEqualTo(50.0);
    f.advanceMinutes(2);
    assertThat(f.greenWeight(id)).isEqualTo(75.0);
    f.advanceMinutes(2);
    assertThat(f.greenWeight(id)).isEqualTo(100.0);
    f.advanceMinutes(1);
    assertThat(f.deployment(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
  }

  @Test
  void secondDeploymentOnAnActiveGroupIsRefused() {
    f.createApplicationAndGroup(new SimulatorFixture.GroupOptions());
    String first = f.deploy(Map.of());

    assertThatThrownBy(() -> f.deploy(Map.of()))
        .isInstanceOf(
            software.amazon.awssdk.services.codedeploy.model.DeploymentLimitExceededException.class)
        .hasMessageContaining(
            "The Deployment Group 'web-dg' already has an active Deployment '" + first + "'");
  }
}
