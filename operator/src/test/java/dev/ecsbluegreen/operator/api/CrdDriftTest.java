package dev.ecsbluegreen.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CRD users install from crds/ must be exactly the one the build generates from the types. */
class CrdDriftTest {
  static final String CRD_FILE = "ecsbluegreenreleases.ecs.bluegreen.dev-v1.yml";

  @Test
  void checkedInCrdMatchesTheGeneratedOne() throws IOException {
    var checkedIn = Files.readString(Path.of("..", "crds", CRD_FILE), StandardCharsets.UTF_8);

    assertThat(checkedIn)
        .as(
            "crds/%s is out of date; refresh it with: mvn -Pupdate-crds -pl operator process-classes",
            CRD_FILE)
        .isEqualTo(generatedCrd());
  }

  static String generatedCrd() throws IOException {
    try (InputStream in = CrdDriftTest.class.getResourceAsStream("/META-INF/fabric8/" + CRD_FILE)) {
      assertThat(in).as("generated CRD on the classpath").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
