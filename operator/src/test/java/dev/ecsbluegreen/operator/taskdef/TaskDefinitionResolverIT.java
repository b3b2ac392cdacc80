package dev.ecsbluegreen.operator.taskdef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsbluegreen.operator.api.v1alpha1.InlineTaskDefinition;
import dev.ecsbluegreen.operator.api.v1alpha1.TaskDefinitionSpec;
import dev.ecsbluegreen.operator.aws.EcsGateway;
import dev.ecsbluegreen.operator.aws.ReleaseIdentity;
import dev.ecsbluegreen.operator.aws.ServiceState;
import dev.ecsbluegreen.operator.aws.SimulatedAwsFixture;
import dev.ecsbluegreen.operator.aws.TestSpecs;
import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskDefinitionResolverIT {

  private static final ReleaseIdentity RELEASE =
      new ReleaseIdentity("shop", "web", "uid-1", 3, "tok");

  private final SimulatedAwsFixture f = new SimulatedAwsFixture();
  private final EcsGateway ecs = f.aws.ecs();
  private final TaskDefinitionResolver resolver = new TaskDefinitionResolver(ecs);

  @AfterEach
  void close() {
    f.close();
  }

  private ServiceState service() {
    return ecs.describeService("prod", "web");
  }

  /** What the executor does with a Register plan. */
  private String execute(TaskDefinitionPlan plan) {
    if (plan instanceof TaskDefinitionPlan.Register register) {
      return ecs.registerTaskDefinition(register.request(), register.tags());
    }
    return ((TaskDefinitionPlan.Use) plan).arn();
  }

  @Test
  void aTemplateWithANewImageRegistersOnceEvenAfterACrash() {
    var spec = TestSpecs.spec(TestSpecs.template(null, "example/web:2", Map.of("MODE", "fast")));

    var first = resolver.plan(RELEASE, spec, service());
    assertThat(first).isInstanceOf(TaskDefinitionPlan.Register.class);
    var register = (TaskDefinitionPlan.Register) first;
    assertThat(register.tags())
        .containsEntry(TaskDefinitionResolver.TAG_RELEASE_UID, "uid-1")
        .containsEntry(TaskDefinitionResolver.TAG_GENERATION, "3")
        .containsEntry(TaskDefinitionResolver.TAG_DEFINITION_HASH, register.hash());
    var container = register.request().get("containerDefinitions").get(0);
    assertThat(container.get("image").asText()).isEqualTo("example/web:2");
    assertThat(container.get("environment").toString())
        .contains("{\"name\":\"GREETING\",\"value\":\"hello\"}")
        .contains("{\"name\":\"MODE\",\"value\":\"fast\"}");
    String registered = execute(first);

    // The operator crashed before recording the ARN; the next pass plans again.
    var again = resolver.plan(RELEASE, spec, service());

    assertThat(again).isEqualTo(new TaskDefinitionPlan.Use(registered));
    assertThat(f.calls("RegisterTaskDefinition")).isEqualTo(1);
  }

  @Test
  void aTemplateThatChangesNothingUsesTheCurrentRevision() {
    var spec = TestSpecs.spec(TestSpecs.template("web", null, Map.of("GREETING", "hello")));

    var plan = resolver.plan(RELEASE, spec, service());

    assertThat(plan).isEqualTo(new TaskDefinitionPlan.Use(service().taskDefinitionArn()));
  }

  @Test
  void anAttemptThatRegisteredNothingListsNoRevisionsAndComparesWithTheService() {
    var changed = TestSpecs.spec(TestSpecs.template(null, "example/web:2", Map.of()));
    var unchanged = TestSpecs.spec(TestSpecs.template("web", null, Map.of("GREETING", "hello")));
    var service = service();
    long listed = f.calls("ListTaskDefinitions");

    var register = resolver.planUnregistered(RELEASE, changed, service);
    var nothing = resolver.planUnregistered(RELEASE, unchanged, service);

    assertThat(register).isInstanceOf(TaskDefinitionPlan.Register.class);
    assertThat(((TaskDefinitionPlan.Register) register).tags())
        .containsEntry(TaskDefinitionResolver.TAG_RELEASE_UID, "uid-1");
    assertThat(nothing).isEqualTo(new TaskDefinitionPlan.Use(service.taskDefinitionArn()));
    assertThat(f.calls("ListTaskDefinitions")).isEqualTo(listed);
  }

  @Test
  void aRevisionRegisteredByAnotherReleaseWithOtherContentIsNotReused() {
    var spec = TestSpecs.spec(TestSpecs.template(null, "example/web:2", null));
    execute(resolver.plan(RELEASE, spec, service()));
    var other = TestSpecs.spec(TestSpecs.template(null, "example/web:3", null));
    execute(resolver.plan(RELEASE, other, service()));

    var back = resolver.plan(RELEASE, spec, service());

    assertThat(back).isInstanceOf(TaskDefinitionPlan.Use.class);
    assertThat(((TaskDefinitionPlan.Use) back).arn()).endsWith("web:2");
    assertThat(f.calls("RegisterTaskDefinition")).isEqualTo(2);
  }

  @Test
  void aContainerTheBaseLacksIsInvalidNamingWhatItHas() {
    var spec =
        TestSpecs.spec(
            new TaskDefinitionSpec(
                null,
                new dev.ecsbluegreen.operator.api.v1alpha1.TaskDefinitionTemplate(
                    "web:1",
                    java.util.List.of(
                        new dev.ecsbluegreen.operator.api.v1alpha1.TaskDefinitionTemplate
                            .ContainerChange("sidecar", "example/sidecar:1", null))),
                null));

    assertThatThrownBy(() -> resolver.plan(RELEASE, spec, service()))
        .isInstanceOf(InvalidReleaseException.class)
        .hasMessageContaining("sidecar")
        .hasMessageContaining("web:1")
        .hasMessageContaining("[app]");
  }

  @Test
  void anArnIsUsedAsItIsOnceItExists() {
    String arn = service().taskDefinitionArn();

    assertThat(
            resolver.plan(
                RELEASE, TestSpecs.spec(new TaskDefinitionSpec(arn, null, null)), service()))
        .isEqualTo(new TaskDefinitionPlan.Use(arn));
    assertThatThrownBy(
            () ->
                resolver.plan(
                    RELEASE,
                    TestSpecs.spec(new TaskDefinitionSpec(arn.replace(":1", ":9"), null, null)),
                    service()))
        .isInstanceOf(InvalidReleaseException.class);
  }

  @Test
  void anInlineDefinitionPassesUnmodelledFieldsThroughAndIsNotRegisteredTwice() throws Exception {
    var inline =
        new ObjectMapper()
            .readValue(
                """
                {"family": "api", "networkMode": "awsvpc", "cpu": "256", "memory": "512",
                 "requiresCompatibilities": ["FARGATE"],
                 "ephemeralStorage": {"sizeInGiB": 25},
                 "tags": [{"key": "team", "value": "payments"}],
                 "containerDefinitions": [{"name": "app", "image": "example/api:1",
                   "portMappings": [{"containerPort": 8080}],
                   "environment": [{"name": "A", "value": "1"}],
                   "ulimits": [{"name": "nofile", "softLimit": 1024, "hardLimit": 2048}]}]}
                """,
                InlineTaskDefinition.class);
    var spec = TestSpecs.spec(new TaskDefinitionSpec(null, null, inline));

    var plan = resolver.plan(RELEASE, spec, service());
    assertThat(plan).isInstanceOf(TaskDefinitionPlan.Register.class);
    var register = (TaskDefinitionPlan.Register) plan;
    assertThat(register.request().has("tags")).isFalse();
    assertThat(register.tags()).containsEntry("team", "payments");
    String arn = execute(plan);

    var described = ecs.describeTaskDefinition(arn);
    assertThat(described.registerForm().path("ephemeralStorage").path("sizeInGiB").asInt())
        .isEqualTo(25);
    assertThat(described.registerForm().path("containerDefinitions").get(0).path("ulimits"))
        .hasSize(1);
    assertThat(described.tags()).containsEntry("team", "payments");

    var nextGeneration = new ReleaseIdentity("shop", "web", "uid-1", 4, "tok2");
    assertThat(resolver.plan(nextGeneration, spec, service()))
        .isEqualTo(new TaskDefinitionPlan.Use(arn));
    assertThat(f.calls("RegisterTaskDefinition")).isEqualTo(1);
  }
}
