package dev.ecsbluegreen.operator.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The scripts under examples/argocd and the release samples the tests run them against. */
final class ArgoCdScripts {
  static final Path EXAMPLES = Path.of("..", "examples", "argocd");
  static final Path HEALTH = EXAMPLES.resolve("health.lua");
  static final Path DISCOVERY = EXAMPLES.resolve("actions").resolve("discovery.lua");
  static final List<String> ACTIONS = List.of("promote", "rollback", "skip-bake", "retry");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static final Path SAMPLES = Path.of("src", "test", "resources", "argocd");

  private ArgoCdScripts() {}

  static Path action(String name) {
    return EXAMPLES.resolve("actions").resolve(name).resolve("action.lua");
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode run(Path script, JsonNode release) {
    return ArgoCdLua.run(read(script), script.getFileName().toString(), release);
  }

  /** A release as the operator leaves it in the given phase: one sample file per phase. */
  static JsonNode releaseIn(Phase phase) {
    return yaml(SAMPLES.resolve("releases").resolve(phase.name() + ".yaml"));
  }

  /** An ECS native release (spec.ecs, status.engine ECS) in the phase. */
  static JsonNode ecsReleaseIn(Phase phase) {
    return yaml(SAMPLES.resolve("ecs-releases").resolve(phase.name() + ".yaml"));
  }

  static JsonNode edgeCase(String name) {
    return yaml(SAMPLES.resolve("edge-cases").resolve(name + ".yaml"));
  }

  static JsonNode yaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
