package dev.ecsbluegreen.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseSpec;
import dev.ecsbluegreen.operator.embedded.ReleaseManifests;
import dev.ecsbluegreen.operator.fixtures.Releases;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A container named twice is refused with the field and the name, in template and inline alike. */
class DuplicateContainerNamesTest {
  @Test
  void uniqueNamesPass() {
    assertThat(DuplicateContainerNames.in(Releases.release("web").spec())).isEmpty();
    assertThat(DuplicateContainerNames.in(inline().getSpec())).isEmpty();
  }

  @Test
  void templateContainerGivenTwiceIsNamed() {
    var spec = Serialization.jsonMapper().valueToTree(Releases.release("web").spec());
    ((ArrayNode) spec.at("/taskDefinition/template/containers"))
        .addObject()
        .put("name", "app")
        .put("image", "repo/web:2");

    assertThat(DuplicateContainerNames.in(asSpec(spec)))
        .contains(
            "spec.taskDefinition.template.containers: container name app appears twice;"
                + " give each container once");
  }

  @Test
  void inlineContainerGivenThreeTimesIsNamed() {
    var spec = Serialization.jsonMapper().valueToTree(inline().getSpec());
    var containers = (ArrayNode) spec.at("/taskDefinition/inline/containerDefinitions");
    containers.add(containers.get(0).deepCopy());
    containers.add(containers.get(0).deepCopy());
    var name = containers.get(0).path("name").asText();

    assertThat(DuplicateContainerNames.in(asSpec(spec)))
        .contains(
            "spec.taskDefinition.inline.containerDefinitions: container name "
                + name
                + " appears 3 times; give each container once");
  }

  private static EcsBlueGreenRelease inline() {
    return ReleaseManifests.load(List.of(Path.of("..", "examples", "orders-api-inline.yaml")))
        .get(0);
  }

  private static EcsBlueGreenReleaseSpec asSpec(Object json) {
    return Serialization.jsonMapper()
        .convertValue((ObjectNode) json, EcsBlueGreenReleaseSpec.class);
  }
}
