package dev.ecsbluegreen.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsbluegreen.operator.admission.AdmissionValidator;
import dev.ecsbluegreen.operator.admission.FieldPath;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every release in examples/ is one a user can apply as it is: the API server admits it, and the
 * operator reads it without losing a field, including ECS fields the model passes through.
 */
class ExamplesTest {
  private static final AdmissionValidator VALIDATOR = AdmissionValidator.forGeneratedCrd();

  static List<Path> examples() {
    return Manifests.examples();
  }

  @Test
  void examplesFolderHoldsTheDocumentedReleases() {
    assertThat(examples())
        .map(file -> file.getFileName().toString())
        .contains("checkout-api.yaml", "orders-api-inline.yaml", "payments-worker-managed.yaml");
  }

  @ParameterizedTest
  @MethodSource("examples")
  void exampleIsAdmittedWithoutPruning(Path example) {
    var admission = VALIDATOR.admit(Manifests.read(example));

    assertThat(admission.errors()).isEmpty();
    assertThat(admission.pruned()).as("fields the API server would silently drop").isEmpty();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void exampleDeserializesWithoutLosingFields(Path example) {
    JsonNode stored = VALIDATOR.admit(Manifests.read(example)).object();

    EcsBlueGreenRelease release =
        Serialization.unmarshal(Manifests.text(example), EcsBlueGreenRelease.class);
    JsonNode written = Serialization.jsonMapper().valueToTree(release);

    // The types fill in more defaults than the schema (empty lists, promotion.mode), so the
    // written tree may be larger; every stored field must be in it with the same value.
    assertThat(missing(stored, written, "")).isEmpty();
  }

  @Test
  void inlineTaskDefinitionKeepsFieldsTheModelDoesNotType() {
    var release =
        Serialization.unmarshal(
            Manifests.text(Manifests.EXAMPLES.resolve("orders-api-inline.yaml")),
            EcsBlueGreenRelease.class);

    assertThat(release.getSpec().taskDefinition().inline().getOtherFields())
        .containsEntry("ephemeralStorage", Map.of("sizeInGiB", 30));
  }

  /** Paths of {@code expected} that {@code actual} lacks or holds with another value. */
  private static List<String> missing(JsonNode expected, JsonNode actual, String path) {
    List<String> missing = new ArrayList<>();
    if (expected.isObject() && actual != null && actual.isObject()) {
      expected
          .fields()
          .forEachRemaining(
              f ->
                  missing.addAll(
                      missing(
                          f.getValue(),
                          actual.get(f.getKey()),
                          FieldPath.child(path, f.getKey()))));
    } else if (expected.isArray()
        && actual != null
        && actual.isArray()
        && expected.size() == actual.size()) {
      for (int i = 0; i < expected.size(); i++) {
        missing.addAll(missing(expected.get(i), actual.get(i), FieldPath.index(path, i)));
      }
    } else if (!expected.equals(actual)) {
      missing.add(path + ": " + expected + " became " + actual);
    }
    return missing;
  }
}
