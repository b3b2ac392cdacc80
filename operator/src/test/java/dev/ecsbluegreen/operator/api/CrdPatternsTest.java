package dev.ecsbluegreen.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.ecsbluegreen.operator.admission.AdmissionValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * kube-apiserver compiles every {@code pattern} of a CRD, and every regular expression a CEL rule
 * passes to {@code matches()}, with Go's RE2, and refuses the whole CRD if one does not compile.
 * Java's regex accepts more, so this checks them with RE2J before a cluster does.
 */
class CrdPatternsTest {
  private static final java.util.regex.Pattern MATCHES_LITERAL =
      java.util.regex.Pattern.compile("\\.matches\\('((?:[^'\\\\]|\\\\.)*)'\\)");

  @Test
  void everyRegularExpressionOfTheInstalledCrdCompilesWithRe2() throws IOException {
    JsonNode crd =
        AdmissionValidator.YAML.readTree(Path.of("..", "crds", CrdDriftTest.CRD_FILE).toFile());
    List<String> found = new ArrayList<>();
    collect(crd.at("/spec/versions/0/schema/openAPIV3Schema"), "", found);

    assertThat(found).as("patterns and matches() expressions found").hasSizeGreaterThan(15);
    assertThat(found)
        .allSatisfy(
            entry -> {
              String regex = entry.substring(entry.indexOf('\t') + 1);
              assertThat(compilesWithRe2(regex)).as("RE2 compiles %s", entry).isTrue();
            });
  }

  @Test
  void re2RefusesWhatTheApiServerRefused() {
    // The image pattern the first real API server refused: Java accepts it, RE2 does not.
    assertThat(java.util.regex.Pattern.compile("^\\S{1,1024}$").matcher("x").matches()).isTrue();
    assertThat(compilesWithRe2("^\\S{1,1024}$")).isFalse();
    assertThat(compilesWithRe2("(?<=a)b")).isFalse();
    assertThat(compilesWithRe2("^[^\\s@]{1,255}(@sha256:[0-9a-fA-F]{64})?$")).isTrue();
  }

  @Test
  void offlineAdmissionRefusesACrdWithAJavaOnlyPattern() throws IOException {
    JsonNode schema =
        AdmissionValidator.YAML.readTree(
            "type: object\nproperties:\n  image: {type: string, pattern: '^\\S{1,1024}$'}\n");

    assertThatThrownBy(() -> new AdmissionValidator(schema).admit("image: app:1"))
        .hasRootCauseInstanceOf(PatternSyntaxException.class)
        .rootCause()
        .hasMessageContaining("invalid repeat count");
  }

  private static boolean compilesWithRe2(String regex) {
    try {
      Pattern.compile(regex);
      return true;
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  /** Adds "path\tregex" for each pattern and each matches() literal under the schema. */
  private static void collect(JsonNode schema, String path, List<String> found) {
    if (schema.has("pattern")) {
      found.add(path + "\t" + schema.get("pattern").asText());
    }
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      Matcher literal = MATCHES_LITERAL.matcher(rule.path("rule").asText());
      while (literal.find()) {
        // CEL single-quoted strings escape a backslash as \\.
        found.add(path + " (rule)\t" + literal.group(1).replace("\\\\", "\\"));
      }
    }
    schema
        .path("properties")
        .fields()
        .forEachRemaining(p -> collect(p.getValue(), path + "." + p.getKey(), found));
    if (schema.has("items")) {
      collect(schema.get("items"), path + "[]", found);
    }
    if (schema.path("additionalProperties").isObject()) {
      collect(schema.get("additionalProperties"), path + "[*]", found);
    }
  }
}
