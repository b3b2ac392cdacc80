package dev.ecsbluegreen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsbluegreen.simulator.world.World;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.AdvancedConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookStage;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.UnsupportedFeatureException;

/** The shapes, paging and errors of the ECS service deployment and revision operations. */
class EcsServiceDeploymentApiTest {

  private final EcsNativeFixture f = new EcsNativeFixture();

  @AfterEach
  void close() {
    f.close();
  }

  private String deployRevision(String taskDefinition) {
    String arn =
        f.deploy(
            taskDefinition, c -> c.strategy(DeploymentStrategy.BLUE_GREEN).bakeTimeInMinutes(0));
    f.clock.advance(Duration.ofMinutes(1));
    return arn;
  }

  @Test
  void describeGivesTheFullRecordAndPutsUnknownArnsInFailures() {
    String arn =
        f.deploy(
            c ->
                c.strategy(DeploymentStrategy.LINEAR)
                    .bakeTimeInMinutes(15)
                    .linearConfiguration(l -> l.stepPercent(20.0).stepBakeTimeInMinutes(1))
                    .alarms(a -> a.alarmNames("shop-5xx").enable(true).rollback(true))
                    .lifecycleHooks(
                        h ->
                            h.hookTargetArn(f.functionArn("ok"))
                                .roleArn(EcsNativeFixture.HOOK_ROLE)
                                .lifecycleStages(DeploymentLifecycleHookStage.POST_SCALE_UP)));
    f.clock.advance(Duration.ofSeconds(1 + 30 + 5 + 5 + 60));
    String unknown = arn.substring(0, arn.lastIndexOf('/') + 1) + "NOPE";

    var answer = f.ecs.describeServiceDeployments(b -> b.serviceDeploymentArns(arn, unknown));

    var d = answer.serviceDeployments().get(0);
    assertThat(d.serviceArn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:service/prod/shop");
    assertThat(d.clusterArn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:cluster/prod");
    assertThat(d.status()).isEqualTo(ServiceDeploymentStatus.IN_PROGRESS);
    assertThat(d.createdAt()).isEqualTo(f.clock.now().minusSeconds(101));
    assertThat(d.startedAt()).isEqualTo(d.createdAt().plusSeconds(1));
    assertThat(d.updatedAt()).isEqualTo(f.clock.now());
    var target = d.targetServiceRevision();
    assertThat(target.requestedTaskCount()).isEqualTo(2);
    assertThat(target.runningTaskCount()).isEqualTo(2);
    assertThat(target.pendingTaskCount()).isZero();
    assertThat(target.requestedTestTrafficWeight()).isEqualTo(100.0);
    assertThat(target.requestedProductionTrafficWeight()).isEqualTo(40.0);
    assertThat(d.sourceServiceRevisions().get(0).requestedProductionTrafficWeight())
        .isEqualTo(60.0);
    var config = d.deploymentConfiguration();
    assertThat(config.strategy()).isEqualTo(DeploymentStrategy.LINEAR);
    assertThat(config.bakeTimeInMinutes()).isEqualTo(15);
    assertThat(config.linearConfiguration().stepPercent()).isEqualTo(20.0);
    assertThat(config.lifecycleHooks().get(0).timeoutConfiguration().timeoutInMinutes())
        .isEqualTo(1440);
    assertThat(d.alarms().alarmNames()).containsExactly("shop-5xx");
    assertThat(d.rollback()).isNull();
    assertThat(answer.failures())
        .extracting(x -> x.arn() + " " + x.reason())
        .containsExactly(unknown + " MISSING");
  }

  @Test
  void listGivesNewestFirstWithStatusAndTimeFiltersAndPages() {
    String initial = f.service().currentServiceDeployment();
    String second = deployRevision("shop:2");
    var between = f.clock.now();
    String third = deployRevision("shop:1");
    String fourth = f.deploy(c -> c.strategy(DeploymentStrategy.BLUE_GREEN));

    var all = new ArrayList<String>();
    String token = null;
    do {
      String page = token;
      var answer =
          f.ecs.listServiceDeployments(
              b -> b.cluster("prod").service("shop").maxResults(3).nextToken(page));
      answer.serviceDeployments().forEach(d -> all.add(d.serviceDeploymentArn()));
      token = answer.nextToken();
    } while (token != null);

    assertThat(all).containsExactly(fourth, third, second, initial);
    assertThat(
            f.ecs
                .listServiceDeployments(
                    b ->
                        b.service(f.service().serviceArn()).status(ServiceDeploymentStatus.PENDING))
                .serviceDeployments())
        .extracting(d -> d.serviceDeploymentArn())
        .containsExactly(fourth);
    var brief =
        f.ecs
            .listServiceDeployments(
                b -> b.cluster("prod").service("shop").createdAt(c -> c.after(between)))
            .serviceDeployments();
    assertThat(brief).extracting(d -> d.serviceDeploymentArn()).containsExactly(fourth, third);
    assertThat(brief.get(1).targetServiceRevisionArn()).endsWith("service-revision/prod/shop/3");
    assertThat(brief.get(1).finishedAt()).isNotNull();
  }

  @Test
  void listRefusesABadPageSizeAndAnUnknownService() {
    assertThatThrownBy(
            () ->
                f.ecs.listServiceDeployments(b -> b.cluster("prod").service("shop").maxResults(0)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("maxResults must be between 1 and 100");
    assertThatThrownBy(() -> f.ecs.listServiceDeployments(b -> b.cluster("prod").service("nope")))
        .isInstanceOf(ServiceNotFoundException.class);
  }

  @Test
  void describeServiceRevisionsGivesTaskDefinitionAndTargetGroup() {
    String arn = deployRevision("shop:2");
    String target = f.deployment(arn).targetServiceRevision().arn();

    var answer = f.ecs.describeServiceRevisions(b -> b.serviceRevisionArns(target, target + "9"));

    var revision = answer.serviceRevisions().get(0);
    assertThat(revision.taskDefinition()).endsWith("task-definition/shop:2");
    assertThat(revision.loadBalancers().get(0).targetGroupArn())
        .isEqualTo(f.sim.targetGroupArn("shop-blue"));
    var resolved = revision.resolvedConfiguration().loadBalancers().get(0);
    assertThat(resolved.targetGroupArn()).isEqualTo(f.sim.targetGroupArn("shop-green"));
    assertThat(resolved.productionListenerRule())
        .isEqualTo(f.sim.listenerRuleArn("shop-lb", World.ListenerKind.PRODUCTION));
    assertThat(answer.failures()).extracting(x -> x.reason()).containsExactly("MISSING");
  }

  @Test
  void describeServicesShowsTheEcsControllerAndBothRevisionsDuringADeployment() {
    String arn = f.deploy(c -> c.strategy(DeploymentStrategy.BLUE_GREEN).bakeTimeInMinutes(10));
    f.clock.advance(Duration.ofSeconds(20));

    var service = f.service();

    assertThat(service.deploymentController().type()).isEqualTo(DeploymentControllerType.ECS);
    assertThat(service.currentServiceDeployment()).isEqualTo(arn);
    assertThat(service.currentServiceRevisions())
        .extracting(r -> r.runningTaskCount() + "/" + r.pendingTaskCount())
        .containsExactly("2/0", "0/2");
    assertThat(service.taskDefinition()).endsWith("task-definition/shop:2");
    assertThat(service.deployments())
        .extracting(d -> d.status() + " " + d.taskDefinition() + " " + d.rolloutStateAsString())
        .containsExactly(
            "PRIMARY arn:aws:ecs:us-east-1:123456789012:task-definition/shop:2 IN_PROGRESS",
            "ACTIVE arn:aws:ecs:us-east-1:123456789012:task-definition/shop:1 null");
    assertThat(service.deployments())
        .extracting(d -> d.id())
        .allMatch(id -> id.startsWith("ecs-svc/"));
    var lb = service.loadBalancers().get(0).advancedConfiguration();
    assertThat(lb.alternateTargetGroupArn()).isEqualTo(f.sim.targetGroupArn("shop-green"));
    assertThat(lb.roleArn())
        .isEqualTo("arn:aws:iam::123456789012:role/ecsInfrastructureRoleForLoadBalancers");
  }

  @Test
  void createServiceMakesAnEcsControllerServiceWhoseDeploymentsRun() {
    f.close();
    var g =
        new EcsNativeFixture(
            EcsNativeFixture.world().loadBalancer("cart-lb", "cart-blue", "cart-green").build());
    try {
      var created =
          g.ecs
              .createService(
                  b ->
                      b.cluster("prod")
                          .serviceName("cart")
                          .taskDefinition("shop:1")
                          .loadBalancers(
                              LoadBalancer.builder()
                                  .targetGroupArn(g.sim.targetGroupArn("cart-blue"))
                                  .advancedConfiguration(
                                      a ->
                                          a.alternateTargetGroupArn(
                                                  g.sim.targetGroupArn("cart-green"))
                                              .productionListenerRule(
                                                  g.sim.listenerRuleArn(
                                                      "cart-lb", World.ListenerKind.PRODUCTION))
                                              .roleArn("arn:aws:iam::123456789012:role/ecsInfra"))
                                  .build())
                          .deploymentConfiguration(c -> c.strategy(DeploymentStrategy.CANARY)))
              .service();
      String arn =
          g.ecs
              .updateService(b -> b.cluster("prod").service("cart").taskDefinition("shop:2"))
              .service()
              .currentServiceDeployment();
      g.clock.advance(Duration.ofMinutes(20));

      assertThat(created.deploymentController().type()).isEqualTo(DeploymentControllerType.ECS);
      assertThat(created.currentServiceRevisions().get(0).arn())
          .endsWith("service-revision/prod/cart/1");
      assertThat(g.deployment(arn).status()).isEqualTo(ServiceDeploymentStatus.SUCCESSFUL);
      assertThat(g.deployment(arn).deploymentConfiguration().canaryConfiguration().canaryPercent())
          .isEqualTo(5.0);
    } finally {
      g.close();
    }
  }

  @Test
  void createServiceChecksTheAdvancedConfigurationAsEcsDoes() {
    f.close();
    var g =
        new EcsNativeFixture(
            EcsNativeFixture.world().loadBalancer("cart-lb", "cart-blue", "cart-green").build());
    try {
      var missingGroup =
          AdvancedConfiguration.builder()
              .alternateTargetGroupArn(g.sim.targetGroupArn("cart-blue") + "x")
              .productionListenerRule(
                  g.sim.listenerRuleArn("cart-lb", World.ListenerKind.PRODUCTION))
              .roleArn("arn:aws:iam::123456789012:role/ecsInfra")
              .build();
      var otherLoadBalancer =
          missingGroup.toBuilder()
              .alternateTargetGroupArn(g.sim.targetGroupArn("cart-green"))
              .productionListenerRule(
                  g.sim.listenerRuleArn("shop-lb", World.ListenerKind.PRODUCTION))
              .build();
      var noRole =
          otherLoadBalancer.toBuilder()
              .productionListenerRule(
                  g.sim.listenerRuleArn("cart-lb", World.ListenerKind.PRODUCTION))
              .roleArn(null)
              .build();
      var create =
          (java.util.function.Consumer<AdvancedConfiguration>)
              a ->
                  g.ecs.createService(
                      b ->
                          b.cluster("prod")
                              .serviceName("cart")
                              .taskDefinition("shop:1")
                              .loadBalancers(
                                  LoadBalancer.builder()
                                      .targetGroupArn(g.sim.targetGroupArn("cart-blue"))
                                      .advancedConfiguration(a)
                                      .build()));

      assertThatThrownBy(() -> create.accept(missingGroup))
          .isInstanceOf(InvalidParameterException.class)
          .hasMessageContaining("advancedConfiguration.alternateTargetGroupArn: target group")
          .hasMessageContaining("does not exist");
      assertThatThrownBy(() -> create.accept(otherLoadBalancer))
          .isInstanceOf(InvalidParameterException.class)
          .hasMessageContaining("productionListenerRule")
          .hasMessageContaining("is on load balancer shop-lb, not on cart-lb");
      assertThatThrownBy(() -> create.accept(noRole))
          .isInstanceOf(InvalidParameterException.class)
          .hasMessageContaining("advancedConfiguration.roleArn must be an IAM role ARN");
      assertThat(g.ecs.describeServices(b -> b.cluster("prod").services("cart")).failures())
          .extracting(x -> x.reason())
          .containsExactly("MISSING");
    } finally {
      g.close();
    }
  }

  @Test
  void updateServiceChecksTheDeploymentConfiguration() {
    assertThatThrownBy(
            () ->
                f.deploy(
                    c ->
                        c.strategy(DeploymentStrategy.LINEAR)
                            .linearConfiguration(l -> l.stepPercent(2.0))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining(
            "deploymentConfiguration.linearConfiguration.stepPercent must be between 3.0 and 100.0");
    assertThatThrownBy(
            () ->
                f.deploy(
                    c ->
                        c.strategy(DeploymentStrategy.BLUE_GREEN)
                            .lifecycleHooks(
                                h ->
                                    h.hookTargetArn("ok")
                                        .roleArn(EcsNativeFixture.HOOK_ROLE)
                                        .lifecycleStages(
                                            DeploymentLifecycleHookStage.PRE_SCALE_UP))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("lifecycleHooks[0].hookTargetArn must be a Lambda function ARN");
    assertThatThrownBy(() -> f.deploy(c -> c.bakeTimeInMinutes(5)))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("not ROLLING");
    assertThat(f.service().currentServiceRevisions()).hasSize(1);
  }
}
