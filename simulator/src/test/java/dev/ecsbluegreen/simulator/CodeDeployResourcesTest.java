package dev.ecsbluegreen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codedeploy.model.ApplicationAlreadyExistsException;
import software.amazon.awssdk.services.codedeploy.model.ApplicationNameRequiredException;
import software.amazon.awssdk.services.codedeploy.model.BatchLimitExceededException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentConfigDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentConfigNameRequiredException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupNameRequiredException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.EcsServiceMappingLimitExceededException;
import software.amazon.awssdk.services.codedeploy.model.InvalidBlueGreenDeploymentConfigurationException;
import software.amazon.awssdk.services.codedeploy.model.InvalidDeploymentConfigNameException;
import software.amazon.awssdk.services.codedeploy.model.InvalidRevisionException;
import software.amazon.awssdk.services.codedeploy.model.RevisionRequiredException;
import software.amazon.awssdk.services.codedeploy.model.Tag;
import software.amazon.awssdk.services.codedeploy.model.TrafficRoutingType;

class CodeDeployResourcesTest {

  private final SimulatorFixture f = new SimulatorFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void applicationsAreCreatedReadListedAndDeleted() {
    String id =
        f.codeDeploy
            .createApplication(b -> b.applicationName("b").computePlatform("ECS"))
            .applicationId();
    f.codeDeploy.createApplication(b -> b.applicationName("a").computePlatform("ECS"));

    assertThat(
            f.codeDeploy.getApplication(b -> b.applicationName("b")).application().applicationId())
        .isEqualTo(id);
    assertThat(f.codeDeploy.listApplications().applications()).containsExactly("a", "b");
    assertThatThrownBy(
            () ->
                f.codeDeploy.createApplication(b -> b.applicationName("a").computePlatform("ECS")))
        .isInstanceOf(ApplicationAlreadyExistsException.class);

    f.codeDeploy.deleteApplication(b -> b.applicationName("a"));
    assertThat(f.codeDeploy.listApplications().applications()).containsExactly("b");
  }

  @Test
  void predefinedEcsConfigsDescribeTheirTrafficRouting() {
    var canary =
        f.codeDeploy
            .getDeploymentConfig(
                b -> b.deploymentConfigName("CodeDeployDefault.ECSCanary10Percent15Minutes"))
            .deploymentConfigInfo();

    assertThat(canary.trafficRoutingConfig().type())
        .isEqualTo(TrafficRoutingType.TIME_BASED_CANARY);
    assertThat(canary.trafficRoutingConfig().timeBasedCanary().canaryInterval()).isEqualTo(15);
    assertThatThrownBy(() -> f.codeDeploy.getDeploymentConfig(b -> b.deploymentConfigName("nope")))
        .isInstanceOf(DeploymentConfigDoesNotExistException.class);
    assertThatThrownBy(
            () ->
                f.codeDeploy.createDeploymentConfig(
                    b -> b.deploymentConfigName("CodeDeployDefault.Mine").computePlatform("ECS")))
        .isInstanceOf(InvalidDeploymentConfigNameException.class);
  }

  @Test
  void deploymentGroupEchoesItsSettingsAndUpdatesReplaceWhatIsGiven() {
    f.createApplicationAndGroup(new SimulatorFixture.GroupOptions());

    f.codeDeploy.updateDeploymentGroup(
        b ->
            b.applicationName(SimulatorFixture.APP)
                .currentDeploymentGroupName(SimulatorFixture.GROUP)
                .deploymentConfigName("CodeDeployDefault.ECSLinear10PercentEvery3Minutes"));
    var group =
        f.codeDeploy
            .getDeploymentGroup(
                b ->
                    b.applicationName(SimulatorFixture.APP)
                        .deploymentGroupName(SimulatorFixture.GROUP))
            .deploymentGroupInfo();

    assertThat(group.deploymentConfigName())
        .isEqualTo("CodeDeployDefault.ECSLinear10PercentEvery3Minutes");
    assertThat(group.ecsServices())
        .singleElement()
        .satisfies(s -> assertThat(s.serviceName()).isEqualTo("web"));
    assertThat(group.deploymentStyle().deploymentTypeAsString()).isEqualTo("BLUE_GREEN");
    assertThat(group.outdatedInstancesStrategyAsString()).isEqualTo("UPDATE");
    assertThat(
            f.codeDeploy
                .listDeploymentGroups(b -> b.applicationName(SimulatorFixture.APP))
                .deploymentGroups())
        .containsExactly(SimulatorFixture.GROUP);
  }

  @Test
  void batchGetDeploymentGroupsReportsMissingNamesInItsErrorMessage() {
    f.createApplicationAndGroup(new SimulatorFixture.GroupOptions());

    var answer =
        f.codeDeploy.batchGetDeploymentGroups(
            b ->
                b.applicationName(SimulatorFixture.APP)
                    .deploymentGroupNames(SimulatorFixture.GROUP, "gone"));

    assertThat(answer.deploymentGroupsInfo())
        .extracting(g -> g.deploymentGroupName())
        .containsExactly(SimulatorFixture.GROUP);
    assertThat(answer.errorMessage()).contains("gone");
  }

  @Test
  void customConfigCanBeDeletedUnlessPredefinedOrInUse() {
    f.codeDeploy.createDeploymentConfig(
        b ->
            b.deploymentConfigName("Mine")
                .computePlatform("ECS")
                .trafficRoutingConfig(t -> t.type("AllAtOnce")));

    f.codeDeploy.deleteDeploymentConfig(b -> b.deploymentConfigName("Mine"));

    assertThat(f.codeDeploy.listDeploymentConfigs().deploymentConfigsList()).doesNotContain("Mine");
    assertThatThrownBy(
            () ->
                f.codeDeploy.deleteDeploymentConfig(
                    b -> b.deploymentConfigName("CodeDeployDefault.ECSAllAtOnce")))
        .isInstanceOf(
            software.amazon.awssdk.services.codedeploy.model.InvalidOperationException.class);
  }

  @Test
  void deletingWhatDoesNotExistSucceedsAsInAws() {
    // AWS's model lists no DoesNotExist error for the three deletes: they are idempotent.
    f.createApplicationAndGroup(new SimulatorFixture.GroupOptions());

    f.codeDeploy.deleteApplication(b -> b.applicationName("never-created"));
    var unknownGroup =
        f.codeDeploy.deleteDeploymentGroup(
            b -> b.applicationName(SimulatorFixture.APP).deploymentGroupName("never-created"));
    f.codeDeploy.deleteDeploymentGroup(
        b -> b.applicationName("never-created").deploymentGroupName("never-created"));
    f.codeDeploy.deleteDeploymentConfig(b -> b.deploymentConfigName("NeverCreated"));

    assertThat(unknownGroup.hooksNotCleanedUp()).isEmpty();
    assertThat(
            f.codeDeploy
                .listDeploymentGroups(b -> b.applicationName(SimulatorFixture.APP))
                .deploymentGroups())
        .containsExactly(SimulatorFixture.GROUP);
  }

  @Test
  void deletingWithoutANameIsRefused() {
    assertThatThrownBy(() -> f.codeDeploy.deleteApplication(b -> b.applicationName("")))
        .isInstanceOf(ApplicationNameRequiredException.class);
    assertThatThrownBy(
            () ->
                f.codeDeploy.deleteDeploymentGroup(
                    b -> b.applicationName("a").deploymentGroupName("")))
        .isInstanceOf(DeploymentGroupNameRequiredException.class);
    assertThatThrownBy(() -> f.codeDeploy.deleteDeploymentConfig(b -> b.deploymentConfigName("")))
        .isInstanceOf(DeploymentConfigNameRequiredException.class);
  }

  @Test
  void aServiceBelongsToOneDeploymentGroupOnly() {
    f.createApplicationAndGroup(new SimulatorFixture.GroupOptions());

    assertThatThrownBy(
            () ->
                f.codeDeploy.createDeploymentGroup(
                    b ->
                        b.applicationName(SimulatorFixture.APP)
                            .deploymentGroupName("second")
                            .serviceRoleArn("arn:aws:iam::123456789012:role/r")
                            .deploymentStyle(
                                s ->
                                    s.deploymentType("BLUE_GREEN")
                                        .deploymentOption("WITH_TRAFFIC_CONTROL"))
                            .ecsServices(s -> s.clusterName("prod").serviceName("web"))))
        .isInstanceOf(EcsServiceMappingLimitExceededException.class);
  }

  @Test
  void readyOptionContinueWithAWaitTimeIsInvalid() {
    f.codeDeploy.createApplication(b -> b.applicationName("x").computePlatform("ECS"));

    assertThatThrownBy(
            () ->
                f.codeDeploy.createDeploymentGroup(
                    b ->
                        b.applicationName("x")
                            .deploymentGroupName("g")
                            .serviceRoleArn("arn:aws:iam::123456789012:role/r")
                            .deploymentStyle(
                                s ->
                                    s.deploymentType("BLUE_GREEN")
                                        .deploymentOption("WITH_TRAFFIC_CONTROL"))
                            .ecsServices(s -> s.clusterName("prod").serviceName("web"))
                            .loadBalancerInfo(
                                lb ->
                                    lb.targetGroupPairInfoList(
                                        p ->
                                            p.targetGroups(
                                                    t -> t.name("web-blue"),
                                                    t -> t.name("web-green"))
                                                .prodTrafficRoute(
                                                    r ->
                                                        r.listenerArns(
                                                            f.sim.listenerArn(
                                                                "web-lb",
                                                                dev.ecsbluegreen.simulator.world
                                                                    .World.ListenerKind
                                                                    .PRODUCTION)))))
                            .blueGreenDeploymentConfiguration(
                                bg ->
                                    bg.deploymentReadyOption(
                                        r ->
                                            r.actionOnTimeout("CONTINUE_DEPLOYMENT")
                                                .waitTimeInMinutes(5)))))
        .isInstanceOf(InvalidBlueGreenDeploymentConfigurationException.class)
        .hasMessageContaining("when timeout is specified");
  }

  @Test
  void createDeploymentChecksTheRevisionAndItsSha256() {
    f.createApplicationAndGroup(new SimulatorFixture.GroupOptions());

    assertThatThrownBy(
            () ->
                f.codeDeploy.createDeployment(
                    b ->
                        b.applicationName(SimulatorFixture.APP)
                            .deploymentGroupName(SimulatorFixture.GROUP)))
        .isInstanceOf(RevisionRequiredException.class);
    assertThatThrownBy(
            () ->
                f.codeDeploy.createDeployment(
                    b ->
                        b.applicationName(SimulatorFixture.APP)
                            .deploymentGroupName(SimulatorFixture.GROUP)
                            .revision(
                                r ->
                                    r.revisionType("AppSpecContent")
                                        .appSpecContent(
                                            a -> a.content("version: 0.0").sha256("00")))))
        .isInstanceOf(InvalidRevisionException.class);
  }

  @Test
  void getDeploymentReturnsTheAppSpecHashButNeverItsContent() {
    f.createApplicationAndGroup(new SimulatorFixture.GroupOptions());
    String id = f.deploy(Map.of());

    var revision = f.deployment(id).revision();

    assertThat(revision.appSpecContent().content()).isNull();
    assertThat(revision.appSpecContent().sha256()).hasSize(64);
  }

  @Test
  void invalidAppSpecFailsTheDeploymentAfterCreation() {
    f.createApplicationAndGroup(new SimulatorFixture.GroupOptions());
    String id =
        f.codeDeploy
            .createDeployment(
                b ->
                    b.applicationName(SimulatorFixture.APP)
                        .deploymentGroupName(SimulatorFixture.GROUP)
                        .revision(
                            r ->
                                r.revisionType("AppSpecContent")
                                    .appSpecContent(a -> a.content("{\"version\": 0.0}"))))
            .deploymentId();

    f.advanceMinutes(1);

    assertThat(f.deployment(id).errorInformation().codeAsString()).isEqualTo("INVALID_REVISION");
  }

  @Test
  void batchGetDeploymentsAcceptsAtMost25Ids() {
    List<String> ids =
        IntStream.range(0, 26).mapToObj(i -> "d-AAAAAAAA" + (char) ('A' + i % 26)).toList();

    assertThatThrownBy(() -> f.codeDeploy.batchGetDeployments(b -> b.deploymentIds(ids)))
        .isInstanceOf(BatchLimitExceededException.class);
  }

  @Test
  void listDeploymentsFiltersByStatusAndTimeAndPaginates() {
    f.createApplicationAndGroup(new SimulatorFixture.GroupOptions());
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      created.add(f.deploy(Map.of()));
      f.codeDeploy.stopDeployment(
          b -> b.deploymentId(created.get(created.size() - 1)).autoRollbackEnabled(false));
      f.advanceMinutes(1);
    }
    String running = f.deploy(Map.of());

    var first =
        f.codeDeploy.listDeployments(
            b ->
                b.applicationName(SimulatorFixture.APP)
                    .deploymentGroupName(SimulatorFixture.GROUP));
    var second =
        f.codeDeploy.listDeployments(
            b ->
                b.applicationName(SimulatorFixture.APP)
                    .deploymentGroupName(SimulatorFixture.GROUP)
                    .nextToken(first.nextToken()));
    var active =
        f.codeDeploy.listDeployments(
            b -> b.includeOnlyStatusesWithStrings("Created", "InProgress"));
    var recent =
        f.codeDeploy.listDeployments(
            b -> b.createTimeRange(r -> r.start(f.clock.now().minusSeconds(150))));

    assertThat(first.deployments()).hasSize(100).startsWith(running);
    assertThat(second.deployments()).hasSize(21).endsWith(created.get(0));
    assertThat(second.nextToken()).isNull();
    assertThat(active.deployments()).containsExactly(running);
    assertThat(recent.deployments()).containsExactly(running, created.get(119), created.get(118));
    assertThat(f.deployment(created.get(0)).status()).isEqualTo(DeploymentStatus.STOPPED);
  }

  @Test
  void listDeploymentsPagesDoNotShiftWhenDeploymentsAreCreatedBetweenThem() {
    f.createApplicationAndGroup(new SimulatorFixture.GroupOptions());
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      created.add(f.deploy(Map.of()));
      f.codeDeploy.stopDeployment(
          b -> b.deploymentId(created.get(created.size() - 1)).autoRollbackEnabled(false));
    }
    var first = f.codeDeploy.listDeployments();

    String newer = f.deploy(Map.of());
    var second = f.codeDeploy.listDeployments(b -> b.nextToken(first.nextToken()));

    assertThat(first.deployments()).hasSize(100).doesNotContain(newer);
    assertThat(second.deployments()).containsExactly(created.get(0));
  }

  @Test
  void applicationAndGroupTagsAreListedAddedAndRemoved() {
    f.codeDeploy.createApplication(
        b ->
            b.applicationName("t")
                .computePlatform("ECS")
                .tags(Tag.builder().key("team").value("pay").build()));
    String arn = "arn:aws:codedeploy:us-east-1:123456789012:application:t";

    f.codeDeploy.tagResource(
        b -> b.resourceArn(arn).tags(Tag.builder().key("env").value("prod").build()));
    f.codeDeploy.untagResource(b -> b.resourceArn(arn).tagKeys("team"));

    assertThat(f.codeDeploy.listTagsForResource(b -> b.resourceArn(arn)).tags())
        .extracting(t -> t.key() + "=" + t.value())
        .containsExactly("env=prod");
  }
}
