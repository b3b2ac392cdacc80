package dev.ecsbluegreen.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reconciler's core and the analysis gate never name an engine: only {@link ReleaseEngines},
 * the one place that picks a release's engine, imports one. A second engine then slots in without
 * touching the core, and its releases are gated by the same code.
 */
class EngineNeutralCoreTest {
  private static final Path SOURCES = Path.of("src", "main", "java", "dev", "ecsbluegreen");
  private static final List<Path> CORE =
      List.of(
          SOURCES.resolve(Path.of("operator", "reconciler")),
          SOURCES.resolve(Path.of("operator", "analysis")));

  /** Types only one engine works with: CodeDeploy's, then ECS's. */
  private static final List<String> ENGINE_ONLY =
      List.of(
          "dev.ecsbluegreen.operator.reconciler.codedeploy.",
          "dev.ecsbluegreen.operator.aws.CodeDeployGateway",
          "dev.ecsbluegreen.operator.aws.DeploymentGroupGateway",
          "dev.ecsbluegreen.operator.aws.DeploymentGroupState",
          "dev.ecsbluegreen.operator.aws.ManagedGroupMapper",
          "dev.ecsbluegreen.operator.aws.DeploymentRequest",
          "dev.ecsbluegreen.operator.aws.DeploymentDescription",
          "dev.ecsbluegreen.operator.aws.AppSpec",
          "dev.ecsbluegreen.operator.aws.DeploymentSnapshot",
          "dev.ecsbluegreen.operator.aws.DeploymentState",
          "dev.ecsbluegreen.operator.reconciler.ecs.",
          "dev.ecsbluegreen.operator.aws.ServiceDeploymentGateway",
          "dev.ecsbluegreen.operator.aws.ServiceDeploymentSnapshot",
          "dev.ecsbluegreen.operator.aws.NativeServiceState",
          "dev.ecsbluegreen.operator.aws.ServiceUpdate");

  @Test
  void onlyTheEngineChoiceImportsAnEngine() throws IOException {
    Map<String, List<String>> engineImports = new TreeMap<>();
    for (Path file : javaFiles()) {
      var imports =
          Files.readAllLines(file).stream()
              .filter(line -> line.startsWith("import "))
              .filter(line -> ENGINE_ONLY.stream().anyMatch(line::contains))
              .toList();
      if (!imports.isEmpty()) {
        engineImports.put(file.getFileName().toString(), imports);
      }
    }

    assertThat(engineImports).containsOnlyKeys("ReleaseEngines.java");
  }

  /** The core's own files, not its engines' subpackages. */
  private static List<Path> javaFiles() throws IOException {
    List<Path> found = new ArrayList<>();
    for (Path dir : CORE) {
      try (Stream<Path> files = Files.list(dir)) {
        files.filter(f -> f.toString().endsWith(".java")).forEach(found::add);
      }
    }
    assertThat(found).as("core sources").isNotEmpty();
    return found;
  }
}
