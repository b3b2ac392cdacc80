package dev.ecsbluegreen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsbluegreen.simulator.world.World;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codedeploy.model.InvalidEcsServiceException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;

/** Where the CODE_DEPLOY and ECS deployment controllers meet in one world. */
class DeploymentControllerTest {

  private final SimulatorFixture f =
      new SimulatorFixture(
          World.builder()
              .cluster("prod")
              .taskDefinition("web", Map.of())
              .loadBalancer("web-lb", "web-blue", "web-green")
              .loadBalancer("shop-lb", "shop-blue", "shop-green")
              .service("prod", "web", "web:1", "web-blue", 2)
              .ecsService("prod", "shop", "web:1", "shop-blue", "shop-green", 2)
              .function(World.FunctionSpec.inProgress("CodeDeployHook_slow", 3, 20))
              .build());

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void updateServiceWithATaskDefinitionOnACodeDeployServiceIsStillRefused() {
    String revision = f.registerWebRevision(Map.of());

    assertThatThrownBy(
            () ->
                f.ecs.updateService(b -> b.cluster("prod").service("web").taskDefinition(revision)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Use AWS CodeDeploy to trigger a new deployment");
  }

  @Test
  void codeDeployRefusesAGroupForAnEcsControllerService() {
    f.codeDeploy.createApplication(b -> b.applicationName("shop").computePlatform("ECS"));

    assertThatThrownBy(
            () ->
                f.codeDeploy.createDeploymentGroup(
                    b ->
                        b.applicationName("shop")
                            .deploymentGroupName("shop-dg")
                            .serviceRoleArn("arn:aws:iam::123456789012:role/r")
                            .deploymentStyle(
                                s ->
                                    s.deploymentType("BLUE_GREEN")
                                        .deploymentOption("WITH_TRAFFIC_CONTROL"))
                            .ecsServices(s -> s.clusterName("prod").serviceName("shop"))))
        .isInstanceOf(InvalidEcsServiceException.class)
        .hasMessageContaining("uses the ECS deployment controller");
  }

  @Test
  void anInProgressFunctionReportsSucceededToCodeDeployAfterItsCallBacks() {
    f.createApplicationAndGroup(new SimulatorFixture.GroupOptions());
    String id = f.deploy(SimulatorFixture.hooks("AfterInstall", "CodeDeployHook_slow"));
    f.advance(Duration.ofSeconds(1 + 30));
    assertThat(f.currentEvent(id)).isEqualTo("AfterInstall");

    f.advance(Duration.ofSeconds(3 * 20 - 1));
    assertThat(f.currentEvent(id)).isEqualTo("AfterInstall");
    f.advance(Duration.ofSeconds(1));

    assertThat(f.currentEvent(id)).isNotEqualTo("AfterInstall");
  }
}
