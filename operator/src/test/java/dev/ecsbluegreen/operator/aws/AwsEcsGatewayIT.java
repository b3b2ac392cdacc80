package dev.ecsbluegreen.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import dev.ecsbluegreen.operator.taskdef.CanonicalJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AwsEcsGatewayIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final SimulatedAwsFixture f = new SimulatedAwsFixture();
  private final EcsGateway ecs = f.aws.ecs();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void describesTheServiceAndTheRevisionItRuns() {
    ServiceState service = ecs.describeService("prod", "web");

    assertThat(service.serviceName()).isEqualTo("web");
    assertThat(service.deploymentController()).isEqualTo("CODE_DEPLOY");
    assertThat(service.status()).isEqualTo("ACTIVE");
    assertThat(service.taskDefinitionArn()).endsWith(":task-definition/web:1");
  }

  @Test
  void unknownServiceIsAnInvalidReleaseNamingIt() {
    assertThatThrownBy(() -> ecs.describeService("prod", "nope"))
        .isInstanceOf(InvalidReleaseException.class)
        .hasMessageContaining("ECS service prod/nope not found")
        .extracting(e -> ((InvalidReleaseException) e).awsErrorCode())
        .isEqualTo("MISSING");
  }

  @Test
  void describesSeveralServicesOfAClusterInOneCall() {
    var answers = ecs.describeServices("prod", List.of("web", "nope"));

    assertThat(answers).containsOnlyKeys("web", "nope");
    assertThat(answers.get("web").require().taskDefinitionArn()).endsWith(":task-definition/web:1");
    assertThatThrownBy(() -> answers.get("nope").require())
        .isInstanceOf(InvalidReleaseException.class)
        .hasMessageContaining("ECS service prod/nope not found (DescribeServices: MISSING)");
    assertThat(f.calls("DescribeServices")).isEqualTo(1);
  }

  @Test
  void moreServicesThanOneCallTakesAreRefusedBeforeAnyCall() {
    var eleven = java.util.stream.IntStream.range(0, 11).mapToObj(i -> "s" + i).toList();

    assertThatThrownBy(() -> ecs.describeServices("prod", eleven))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 10");
    assertThat(f.calls("DescribeServices")).isZero();
  }

  @Test
  void unknownTaskDefinitionIsAnInvalidRelease() {
    assertThatThrownBy(() -> ecs.describeTaskDefinition("nope:3"))
        .isInstanceOf(InvalidReleaseException.class)
        .hasMessageContaining("nope:3");
  }

  @Test
  void describedRevisionIsInRegisterFormWithoutReadOnlyFields() {
    TaskDefinitionDocument doc = ecs.describeTaskDefinition("web");

    assertThat(doc.family()).isEqualTo("web");
    assertThat(doc.revision()).isEqualTo(1);
    assertThat(doc.registerForm().path("containerDefinitions").get(0).path("name").asText())
        .isEqualTo("app");
    assertThat(doc.registerForm().has("family")).isTrue();
    for (String readOnly : AwsEcsGateway.READ_ONLY_FIELDS) {
      assertThat(doc.registerForm().has(readOnly)).as(readOnly).isFalse();
    }
  }

  @Test
  void fieldsTheOperatorDoesNotModelSurviveRegisterAndDescribe() throws Exception {
    ObjectNode request =
        (ObjectNode)
            JSON.readTree(
                """
                {"family": "passthrough", "networkMode": "awsvpc",
                 "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
                 "ephemeralStorage": {"sizeInGiB": 30},
                 "volumes": [{"name": "scratch", "efsVolumeConfiguration":
                    {"fileSystemId": "fs-1234", "rootDirectory": "/data",
                     "transitEncryption": "ENABLED"}}],
                 "runtimePlatform": {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"},
                 "containerDefinitions": [
                   {"name": "app", "image": "example/app:1", "essential": true,
                    "ulimits": [{"name": "nofile", "softLimit": 1024, "hardLimit": 4096}],
                    "dependsOn": [{"containerName": "init", "condition": "SUCCESS"}],
                    "mountPoints": [{"sourceVolume": "scratch", "containerPath": "/scratch",
                                     "readOnly": false}],
                    "environment": [{"name": "A", "value": "1"}]},
                   {"name": "init", "image": "example/init:1", "essential": false,
                    "command": ["sh", "-c", "true"]}]}
                """);

    String arn = ecs.registerTaskDefinition(request, Map.of("team", "payments"));
    TaskDefinitionDocument doc = ecs.describeTaskDefinition(arn);

    // ECS echoes some defaults (e.g. placementConstraints: []); the canonical form ignores them.
    assertThat(CanonicalJson.of(doc.registerForm())).isEqualTo(CanonicalJson.of(request));
    assertThat(doc.registerForm().path("containerDefinitions").get(0).path("ulimits"))
        .isEqualTo(request.path("containerDefinitions").get(0).path("ulimits"));
    assertThat(doc.tags()).containsEntry("team", "payments");
  }

  @Test
  void aFieldEcsDoesNotHaveIsRejectedBeforeAnyCall() throws Exception {
    ObjectNode request =
        (ObjectNode)
            JSON.readTree(
                """
                {"family": "typo", "containerDefinitions": [{"name": "app", "image": "x",
                 "enviroment": []}]}
                """);

    assertThatThrownBy(() -> ecs.registerTaskDefinition(request, Map.of()))
        .isInstanceOf(InvalidReleaseException.class)
        .hasMessageContaining("containerDefinitions[0].enviroment");
    assertThat(f.calls("RegisterTaskDefinition")).isZero();
  }

  @Test
  void listsTheFamilysActiveRevisionsNewestFirst() throws Exception {
    ObjectNode request =
        (ObjectNode)
            JSON.readTree(
                "{\"family\": \"web\", \"containerDefinitions\": [{\"name\": \"app\", \"image\":"
                    + " \"example/web:2\"}]}");
    String older = ecs.registerTaskDefinition(request, Map.of("k", "v"));
    String newer = ecs.registerTaskDefinition(request, Map.of("k", "other"));

    assertThat(ecs.activeRevisions("web")).startsWith(newer, older);
    assertThat(ecs.activeRevisions("no-such-family")).isEmpty();
  }

  @Test
  void aRevisionNamedByItsArnIsDescribedOnce() throws Exception {
    ObjectNode request =
        (ObjectNode)
            JSON.readTree(
                "{\"family\": \"once\", \"containerDefinitions\": [{\"name\": \"app\","
                    + " \"image\": \"example/once:1\"}]}");
    String arn = ecs.registerTaskDefinition(request, Map.of("k", "v"));
    long before = f.calls("DescribeTaskDefinition");

    var first = ecs.describeTaskDefinition(arn);
    var again = ecs.describeTaskDefinition(arn);
    ecs.describeTaskDefinition("once");
    ecs.describeTaskDefinition("once");

    assertThat(again).isEqualTo(first);
    assertThat(again.tags()).containsEntry("k", "v");
    // By ARN once; by family every time, since a family names its newest revision.
    assertThat(f.calls("DescribeTaskDefinition") - before).isEqualTo(3);
  }
}
