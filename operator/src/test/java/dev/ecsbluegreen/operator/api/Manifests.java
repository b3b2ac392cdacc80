package dev.ecsbluegreen.operator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.operator.admission.AdmissionValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the release manifests the tests admit: the user-facing examples and the invalid ones. */
final class Manifests {
  static final Path EXAMPLES = Path.of("..", "examples");
  static final Path INVALID = Path.of("src", "test", "resources", "admission", "invalid");

  private Manifests() {}

  /**
   * The EcsBlueGreenRelease files directly in examples/; other kinds and subfolders are not ours.
   */
  static List<Path> examples() {
    return yamlFiles(EXAMPLES).stream()
        .filter(file -> "EcsBlueGreenRelease".equals(read(file).path("kind").asText()))
        .toList();
  }

  static List<Path> invalid() {
    return yamlFiles(INVALID);
  }

  static ObjectNode read(Path file) {
    try {
      return (ObjectNode) AdmissionValidator.YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> yamlFiles(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
