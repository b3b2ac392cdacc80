package dev.ecsbluegreen.operator.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chart and the Dockerfile agree on what the pod runs: the same non-root user, and the
 * Deployment's args are the image's default command. Docker is not available to the build, so this
 * reads the Dockerfile rather than the image.
 */
class ChartImageContractTest {
  static final Path DOCKERFILE = Path.of("..", "Dockerfile");

  @Test
  void imageUserIsTheUserThePodRunsAs() throws IOException {
    var runAsUser =
        Chart.renderDefaults()
            .deployment()
            .getSpec()
            .getTemplate()
            .getSpec()
            .getSecurityContext()
            .getRunAsUser();

    assertThat(instruction("USER")).isEqualTo(runAsUser + ":" + runAsUser);
  }

  @Test
  void deploymentArgsAreTheImagesDefaultCommand() throws IOException {
    var args = Chart.renderDefaults().operatorContainer().getArgs();

    assertThat(args).isEqualTo(List.of("run"));
    assertThat(instruction("CMD")).isEqualTo("[\"run\"]");
    assertThat(instruction("ENTRYPOINT")).contains("/app/ecs-bluegreen-operator.jar");
  }

  private static String instruction(String keyword) throws IOException {
    return Files.readAllLines(DOCKERFILE).stream()
        .filter(line -> line.startsWith(keyword + " "))
        .map(line -> line.substring(keyword.length() + 1).trim())
        .reduce((first, second) -> second)
        .orElseThrow(() -> new AssertionError("no " + keyword + " in the Dockerfile"));
  }
}
