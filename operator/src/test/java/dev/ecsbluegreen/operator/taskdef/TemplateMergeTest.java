package dev.ecsbluegreen.operator.taskdef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.operator.api.v1alpha1.TaskDefinitionTemplate.ContainerChange;
import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateMergeTest {

  private static final String BASE_ARN = "arn:aws:ecs:us-east-1:1:task-definition/web:4";

  private static ObjectNode base() throws Exception {
    return (ObjectNode)
        new ObjectMapper()
            .readTree(
                """
                {"family": "web", "cpu": "256",
                 "containerDefinitions": [
                   {"name": "app", "image": "web:1", "ulimits": [{"name": "nofile"}],
                    "environment": [{"name": "B", "value": "old"}, {"name": "A", "value": "keep"}]},
                   {"name": "proxy", "image": "envoy:1"}]}
                """);
  }

  @Test
  void replacesTheImageOfTheNamedContainerOnly() throws Exception {
    var merged =
        TemplateMerge.apply(base(), List.of(new ContainerChange("app", "web:2", null)), BASE_ARN);

    assertThat(merged.at("/containerDefinitions/0/image").asText()).isEqualTo("web:2");
    assertThat(merged.at("/containerDefinitions/1/image").asText()).isEqualTo("envoy:1");
    assertThat(merged.at("/containerDefinitions/0/ulimits").toString())
        .isEqualTo("[{\"name\":\"nofile\"}]");
    assertThat(merged.path("cpu").asText()).isEqualTo("256");
  }

  @Test
  void specEnvironmentWinsOthersAreKeptInOrderAndNewOnesAppendedSorted() throws Exception {
    var merged =
        TemplateMerge.apply(
            base(),
            List.of(new ContainerChange("app", null, Map.of("Z", "z", "B", "new", "C", "c"))),
            BASE_ARN);

    assertThat(merged.at("/containerDefinitions/0/environment").toString())
        .isEqualTo(
            "[{\"name\":\"B\",\"value\":\"new\"},{\"name\":\"A\",\"value\":\"keep\"},"
                + "{\"name\":\"C\",\"value\":\"c\"},{\"name\":\"Z\",\"value\":\"z\"}]");
    assertThat(merged.at("/containerDefinitions/0/image").asText()).isEqualTo("web:1");
  }

  @Test
  void aContainerWithoutEnvironmentGetsOne() throws Exception {
    var merged =
        TemplateMerge.apply(
            base(), List.of(new ContainerChange("proxy", null, Map.of("X", "1"))), BASE_ARN);

    assertThat(merged.at("/containerDefinitions/1/environment").toString())
        .isEqualTo("[{\"name\":\"X\",\"value\":\"1\"}]");
  }

  @Test
  void theBaseIsNotModified() throws Exception {
    var base = base();
    var copy = base.deepCopy();

    TemplateMerge.apply(
        base, List.of(new ContainerChange("app", "web:9", Map.of("A", "x"))), BASE_ARN);

    assertThat(base).isEqualTo(copy);
  }

  @Test
  void aContainerMissingFromTheBaseNamesTheBaseAndItsContainers() throws Exception {
    assertThatThrownBy(
            () ->
                TemplateMerge.apply(
                    base(), List.of(new ContainerChange("worker", "w:1", null)), BASE_ARN))
        .isInstanceOf(InvalidReleaseException.class)
        .hasMessage(
            "Container worker is not in the base task definition "
                + BASE_ARN
                + "; its containers are [app, proxy]");
  }
}
