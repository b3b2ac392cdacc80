package dev.ecsbluegreen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsbluegreen.simulator.world.ManualClock;
import dev.ecsbluegreen.simulator.world.World;
import dev.ecsbluegreen.simulator.world.WorldLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.ecs.EcsClient;

class WorldFileTest {

  private static World read(String yaml) {
    return WorldLoader.read(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
  }

  @Test
  void worldFileDeclaresAStartableScenarioWithPreCreatedGroup() throws Exception {
    World world =
        WorldLoader.load(Path.of(getClass().getResource("/worlds/checkout.yaml").toURI()));
    var clock = new ManualClock();
    assertThat(world.functions())
        .extracting(World.FunctionSpec::behaviour)
        .containsExactly(
            World.Behaviour.SUCCEED,
            World.Behaviour.SUCCEED,
            World.Behaviour.HTTP_CHECK,
            World.Behaviour.URL);
    assertThat(world.functions().get(2).httpCheck().listener()).isEqualTo(World.ListenerKind.TEST);
    assertThat(world.faults())
        .extracting(World.FaultSpec::kind)
        .containsExactly(World.FaultKind.THROTTLE);

    try (var sim = Simulator.start(world, clock);
        var codeDeploy = SimulatorFixture.codeDeployClient(sim.endpoint(), "AKID");
        var ecs =
            EcsClient.builder()
                .endpointOverride(sim.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(SimulatorFixture.credentials("AKID"))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
      var group =
          codeDeploy
              .getDeploymentGroup(
                  b -> b.applicationName("checkout").deploymentGroupName("checkout-dg"))
              .deploymentGroupInfo();
      assertThat(group.computePlatform()).isEqualTo(ComputePlatform.ECS);
      assertThat(group.deploymentConfigName())
          .isEqualTo("CodeDeployDefault.ECSCanary10Percent5Minutes");
      assertThat(
              group
                  .loadBalancerInfo()
                  .targetGroupPairInfoList()
                  .get(0)
                  .prodTrafficRoute()
                  .listenerArns())
          .containsExactly(sim.listenerArn("checkout-lb", World.ListenerKind.PRODUCTION));
      var service =
          ecs.describeServices(b -> b.cluster("prod").services("checkout")).services().get(0);
      assertThat(service.taskDefinition()).endsWith("task-definition/checkout:3");
      assertThat(service.desiredCount()).isEqualTo(3);
      assertThat(sim.listenerPort("checkout-lb", World.ListenerKind.TEST)).isPositive();
      clock.advance(Duration.ofMinutes(1));
    }
  }

  @Test
  void worldFileExampleInTheReadmeIsValid() throws Exception {
    String readme = java.nio.file.Files.readString(Path.of("README.md"));
    int section = readme.indexOf("## The world file");
    int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
    String yaml = readme.substring(start, readme.indexOf("```", start));

    World world = read(yaml);
    // Populating checks it the way Simulator.start does, without opening the example's ports.
    try (var aws =
        new dev.ecsbluegreen.simulator.world.SimulatedAws(
            world, new ManualClock(), (l, p, s, n) -> n)) {
      assertThat(aws.codeDeploy().group("checkout", "checkout-dg").deploymentConfigName())
          .isEqualTo("CodeDeployDefault.ECSCanary10Percent5Minutes");
      var cart = aws.ecs().service("prod", "cart").orElseThrow();
      assertThat(cart.controllerType()).isEqualTo("ECS");
      assertThat(cart.nativeLoadBalancer().alternateTargetGroupName()).isEqualTo("cart-green");
      assertThat(cart.nativeLoadBalancer().testListenerArn()).isNotNull();
    }
    assertThat(world.functions())
        .filteredOn(fn -> fn.behaviour() == World.Behaviour.IN_PROGRESS)
        .extracting(World.FunctionSpec::inProgressTimes, World.FunctionSpec::callBackDelaySeconds)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2, 20));
    assertThat(world.faults()).hasSize(3);
  }

  @Test
  void unknownFieldIsReportedWithItsName() {
    assertThatThrownBy(() -> read("clusters: [a]\nservicez: []\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("test.yaml")
        .hasMessageContaining("servicez");
  }

  @Test
  void serviceOnAnUndeclaredTargetGroupIsRefusedAtStart() {
    World world =
        read(
            """
            taskDefinitions: [{family: web}]
            services: [{name: web, taskDefinition: web, targetGroup: nowhere}]
            """);

    assertThatThrownBy(() -> Simulator.start(world, new ManualClock()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("target group nowhere");
  }

  @Test
  void unknownBehaviourNamesTheAllowedOnes() {
    assertThatThrownBy(() -> read("functions: [{name: f, behaviour: explode}]\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("explode")
        .hasMessageContaining("never_answer");
  }

  @Test
  void missingRequiredFieldIsNamedWithItsLine() {
    assertThatThrownBy(() -> read("clusters: [a]\ntaskDefinitions:\n  - image: x\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("test.yaml: taskDefinitions[].family is required (line ");
  }

  @Test
  void anEcsControlledServiceNeedsItsAlternateTargetGroup() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    services:
                      - {name: cart, taskDefinition: cart, targetGroup: cart-blue,
                         deploymentController: ecs}
                    """))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "services[cart]: deploymentController ECS needs an alternateTargetGroup");
  }

  @Test
  void anEcsControlledServiceOnTargetGroupsOfTwoLoadBalancersIsRefusedAtStart() {
    World world =
        read(
            """
            taskDefinitions: [{family: cart}]
            loadBalancers:
              - {name: a, targetGroups: [cart-blue]}
              - {name: b, targetGroups: [cart-green]}
            services:
              - {cluster: prod, name: cart, taskDefinition: cart, targetGroup: cart-blue,
                 deploymentController: ecs, alternateTargetGroup: cart-green}
            """);

    assertThatThrownBy(() -> Simulator.start(world, new ManualClock()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("services[cart]: InvalidParameterException")
        .hasMessageContaining("not on the same load balancer");
  }

  @Test
  void emptyFileIsAnEmptyWorld() {
    World world = read("");

    assertThat(world.accountId()).isEqualTo("123456789012");
    assertThat(world.services()).isEmpty();
  }
}
