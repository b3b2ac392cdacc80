package dev.ecsbluegreen.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsbluegreen.operator.admission.AdmissionValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each file in src/test/resources/admission/invalid is a full release with one mistake, and lists
 * in {@code # expect:} comments exactly the errors the API server answers with. Together they cover
 * every CEL rule of the CRD and each kind of schema check.
 */
class InvalidManifestsTest {
  private static final String EXPECT = "# expect: ";
  private static final AdmissionValidator VALIDATOR = AdmissionValidator.forGeneratedCrd();

  static List<Path> invalidManifests() {
    return Manifests.invalid();
  }

  @ParameterizedTest
  @MethodSource("invalidManifests")
  void manifestIsRejectedWithItsExpectedMessages(Path manifest) {
    List<String> expected = expectations(manifest);
    assertThat(expected).as("%s has no '%s' line", manifest, EXPECT.trim()).isNotEmpty();

    var admission = VALIDATOR.admit(Manifests.text(manifest));

    assertThat(admission.errors()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void everyCelRuleOfTheCrdIsExercisedByAnInvalidManifest() {
    List<String> expected = new ArrayList<>();
    invalidManifests().forEach(manifest -> expected.addAll(expectations(manifest)));

    List<Pattern> rules = new ArrayList<>();
    collectRules(crdSchema(), "", rules);

    assertThat(rules)
        .hasSizeGreaterThanOrEqualTo(15)
        .allSatisfy(
            rule ->
                assertThat(expected)
                    .as("an invalid manifest expecting %s", rule)
                    .anyMatch(line -> rule.matcher(line).matches()));
  }

  @Test
  void folderHoldsAtLeastTwentyFiveManifests() {
    assertThat(invalidManifests()).hasSizeGreaterThanOrEqualTo(25);
  }

  private static List<String> expectations(Path manifest) {
    return Manifests.text(manifest)
        .lines()
        .filter(line -> line.startsWith(EXPECT))
        .map(line -> line.substring(EXPECT.length()).strip())
        .toList();
  }

  private static JsonNode crdSchema() {
    try (InputStream in =
        AdmissionValidator.class.getResourceAsStream(AdmissionValidator.GENERATED_CRD)) {
      return AdmissionValidator.YAML.readTree(in).at("/spec/versions/0/schema/openAPIV3Schema");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One pattern per CEL rule: the field path where the rule reports (any list index, any map key)
   * and its message, so a rule is covered only by a manifest that breaks that rule at that place.
   */
  private static void collectRules(JsonNode schema, String pathRegex, List<Pattern> rules) {
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      String fieldPath = rule.path("fieldPath").asText("");
      String at = pathRegex + Pattern.quote(fieldPath);
      rules.add(
          Pattern.compile(
              at
                  + Pattern.quote(": Invalid value: ")
                  + "\"[a-z]+\": "
                  + Pattern.quote(rule.path("message").asText())));
    }
    schema
        .path("properties")
        .fields()
        .forEachRemaining(
            p ->
                collectRules(
                    p.getValue(),
                    pathRegex + (pathRegex.isEmpty() ? "" : "\\.") + Pattern.quote(p.getKey()),
                    rules));
    if (schema.has("items")) {
      collectRules(schema.get("items"), pathRegex + "\\[\\d+\\]", rules);
    }
    if (schema.path("additionalProperties").isObject()) {
      collectRules(schema.get("additionalProperties"), pathRegex + "\\[[^]]+\\]", rules);
    }
  }
}
