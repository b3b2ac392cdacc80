package dev.ecsbluegreen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

class EcsApiTest {

  private final SimulatorFixture f = new SimulatorFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void registeringNumbersRevisionsPerFamilyWithAwsArns() {
    String second = f.registerWebRevision(Map.of());
    String third = f.registerWebRevision(Map.of());

    assertThat(second).isEqualTo("arn:aws:ecs:us-east-1:123456789012:task-definition/web:2");
    assertThat(third).endsWith("task-definition/web:3");
  }

  @Test
  void describeTaskDefinitionResolvesFamilyRevisionAndArnAndReturnsTagsOnlyWhenAsked() {
    f.ecs.registerTaskDefinition(
        b ->
            b.family("api")
                .containerDefinitions(c -> c.name("app").image("api:1"))
                .tags(Tag.builder().key("release").value("r-1").build()));

    var byFamily = f.ecs.describeTaskDefinition(b -> b.taskDefinition("api"));
    var byRevision =
        f.ecs.describeTaskDefinition(
            b -> b.taskDefinition("api:1").include(TaskDefinitionField.TAGS));
    var byArn =
        f.ecs.describeTaskDefinition(
            b -> b.taskDefinition("arn:aws:ecs:us-east-1:123456789012:task-definition/api:1"));

    assertThat(byFamily.taskDefinition().revision()).isEqualTo(1);
    assertThat(byFamily.tags()).isEmpty();
    assertThat(byRevision.tags()).extracting(Tag::value).containsExactly("r-1");
    assertThat(byArn.taskDefinition().containerDefinitions().get(0).image()).isEqualTo("api:1");
    assertThat(byArn.taskDefinition().registeredAt()).isEqualTo(f.clock.now());
  }

  @Test
  void taskDefinitionTagsCanBeAddedReplacedAndRemoved() {
    String arn = f.registerWebRevision(Map.of());

    f.ecs.tagResource(
        b ->
            b.resourceArn(arn)
                .tags(
                    Tag.builder().key("release").value("r-1").build(),
                    Tag.builder().key("team").value("pay").build()));
    f.ecs.tagResource(
        b -> b.resourceArn(arn).tags(Tag.builder().key("release").value("r-2").build()));
    f.ecs.untagResource(b -> b.resourceArn(arn).tagKeys("team"));

    assertThat(f.ecs.listTagsForResource(b -> b.resourceArn(arn)).tags())
        .extracting(t -> t.key() + "=" + t.value())
        .containsExactly("release=r-2");
  }

  @Test
  void describingAnUnknownTaskDefinitionIsAClientException() {
    assertThatThrownBy(() -> f.ecs.describeTaskDefinition(b -> b.taskDefinition("nope:1")))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining("Unable to describe task definition.");
  }

  @Test
  void listTaskDefinitionsFiltersByFamilySortsAndPaginates() {
    f.registerWebRevision(Map.of());
    f.registerWebRevision(Map.of());
    f.ecs.registerTaskDefinition(b -> b.family("webx").containerDefinitions(c -> c.name("a")));

    var page1 =
        f.ecs.listTaskDefinitions(b -> b.familyPrefix("web").sort(SortOrder.DESC).maxResults(2));
    var page2 =
        f.ecs.listTaskDefinitions(
            b ->
                b.familyPrefix("web")
                    .sort(SortOrder.DESC)
                    .maxResults(2)
                    .nextToken(page1.nextToken()));

    assertThat(page1.taskDefinitionArns())
        .extracting(a -> a.substring(a.lastIndexOf('/') + 1))
        .containsExactly("web:3", "web:2");
    assertThat(page2.taskDefinitionArns())
        .extracting(a -> a.substring(a.lastIndexOf('/') + 1))
        .containsExactly("web:1");
    assertThat(page2.nextToken()).isNull();
  }

  @Test
  void deregisteredRevisionsLeaveTheActiveList() {
    String second = f.registerWebRevision(Map.of());

    var answer = f.ecs.deregisterTaskDefinition(b -> b.taskDefinition(second));

    assertThat(answer.taskDefinition().statusAsString()).isEqualTo("INACTIVE");
    assertThat(f.ecs.listTaskDefinitions(b -> b.familyPrefix("web")).taskDefinitionArns())
        .containsExactly("arn:aws:ecs:us-east-1:123456789012:task-definition/web:1");
    assertThat(
            f.ecs.describeTaskDefinition(b -> b.taskDefinition("web")).taskDefinition().revision())
        .isEqualTo(1);
  }

  @Test
  void describeServicesShowsTaskSetsForCodeDeployServicesAndMissingServicesAsFailures() {
    var answer = f.ecs.describeServices(b -> b.cluster("prod").services("web", "ghost"));

    var web = answer.services().get(0);
    assertThat(web.serviceArn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:service/prod/web");
    assertThat(web.deploymentController().typeAsString()).isEqualTo("CODE_DEPLOY");
    assertThat(web.deployments()).isEmpty();
    assertThat(web.taskSets())
        .singleElement()
        .satisfies(
            ts -> {
              assertThat(ts.status()).isEqualTo("PRIMARY");
              assertThat(ts.runningCount()).isEqualTo(2);
              assertThat(ts.taskDefinition()).endsWith("task-definition/web:1");
            });
    assertThat(answer.failures())
        .singleElement()
        .satisfies(
            fail -> {
              assertThat(fail.reason()).isEqualTo("MISSING");
              assertThat(fail.arn()).endsWith("service/prod/ghost");
            });
  }

  @Test
  void describeServicesShowsBothTaskSetsWhileADeploymentRuns() {
    f.createApplicationAndGroup(new SimulatorFixture.GroupOptions());
    String id = f.deploy(Map.of());
    f.advance(java.time.Duration.ofSeconds(10));

    var taskSets =
        f.ecs.describeServices(b -> b.cluster("prod").services("web")).services().get(0).taskSets();

    assertThat(taskSets)
        .extracting(ts -> ts.status() + ":" + ts.runningCount() + ":" + ts.externalId())
        .containsExactlyInAnyOrder("PRIMARY:2:null", "ACTIVE:0:" + id);
  }

  @Test
  void updateServiceCannotChangeTheTaskDefinitionOfACodeDeployService() {
    assertThatThrownBy(
            () ->
                f.ecs.updateService(b -> b.cluster("prod").service("web").taskDefinition("web:1")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Use AWS CodeDeploy to trigger a new deployment");
  }

  @Test
  void createServiceWithCodeDeployControllerStartsWithOnePrimaryTaskSet() {
    var world =
        dev.ecsbluegreen.simulator.world.World.builder()
            .cluster("c")
            .taskDefinition("svc", Map.of())
            .loadBalancer("lb", "tg-a", "tg-b")
            .build();
    try (var g = new SimulatorFixture(world)) {
      var service =
          g.ecs
              .createService(
                  b ->
                      b.cluster("c")
                          .serviceName("svc")
                          .taskDefinition("svc")
                          .desiredCount(3)
                          .deploymentController(d -> d.type("CODE_DEPLOY"))
                          .loadBalancers(
                              l ->
                                  l.targetGroupArn(g.sim.targetGroupArn("tg-a"))
                                      .containerName("app")
                                      .containerPort(8080)))
              .service();

      assertThat(service.serviceName()).isEqualTo("svc");
      assertThat(service.taskSets())
          .singleElement()
          .satisfies(ts -> assertThat(ts.computedDesiredCount()).isEqualTo(3));
    }
  }
}
