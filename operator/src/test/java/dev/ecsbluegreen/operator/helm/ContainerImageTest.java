package dev.ecsbluegreen.operator.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image -Pimage builds, read from its OCI tar as a container runtime reads it: what it runs, as
 * whom, on which port, and that its own Java runtime starts the jar using only the image's files.
 * Runs in -Pimage only, after package (see operator/pom.xml).
 */
class ContainerImageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  private static JsonNode config;
  private static Path root;

  @BeforeAll
  static void unpackTheImage() throws Exception {
    var layout = Files.createDirectories(work.resolve("layout"));
    run(List.of("tar", "-xf", System.getProperty("image.tar"), "-C", layout.toString()));
    var index = JSON.readTree(layout.resolve("index.json").toFile());
    var manifest = JSON.readTree(blob(layout, index.at("/manifests/0/digest").asText()).toFile());
    config = JSON.readTree(blob(layout, manifest.at("/config/digest").asText()).toFile());
    root = Files.createDirectories(work.resolve("root"));
    for (var layer : manifest.path("layers")) {
      var tar = blob(layout, layer.path("digest").asText());
      run(List.of("tar", "-xzf", tar.toString(), "-C", root.toString()));
    }
  }

  @Test
  void runsTheOperatorsJarWithItsOwnJavaAndTheChartsCommand() throws IOException {
    var chart = Chart.renderDefaults().operatorContainer();

    assertThat(strings(config.at("/config/Entrypoint")))
        .containsExactly(
            "/opt/java/bin/java",
            "-XX:MaxRAMPercentage=75",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-XX:SharedArchiveFile=/app/ecs-bluegreen-operator.jsa",
            "-jar",
            "/app/ecs-bluegreen-operator.jar");
    assertThat(strings(config.at("/config/Cmd"))).isEqualTo(chart.getArgs()).containsExactly("run");
    assertThat(Files.isExecutable(root.resolve("opt/java/bin/java"))).isTrue();
    assertThat(root.resolve("app/ecs-bluegreen-operator.jar")).isRegularFile();
  }

  @Test
  void runsAsTheNonRootUserThePodRunsAs() throws IOException {
    var runAsUser =
        Chart.renderDefaults()
            .deployment()
            .getSpec()
            .getTemplate()
            .getSpec()
            .getSecurityContext()
            .getRunAsUser();

    assertThat(config.at("/config/User").asText()).isEqualTo(runAsUser + ":" + runAsUser);
    assertThat(runAsUser).isNotZero();
    assertThat(Files.readAllLines(root.resolve("etc/passwd")))
        .contains("nonroot:x:65532:65532:nonroot:/tmp:/sbin/nologin");
  }

  @Test
  void exposesTheChartsHttpPort() throws IOException {
    var port = Chart.renderDefaults().operatorContainer().getPorts().get(0).getContainerPort();

    assertThat(config.at("/config/ExposedPorts").fieldNames())
        .toIterable()
        .containsExactly(port + "/tcp");
  }

  @Test
  void theJarStartsOnTheImagesOwnRuntimeAndLibraries() throws Exception {
    // The image's dynamic loader with only the image's library folder: a library the runtime
    // needs but the image lacks fails here, as it would in the container.
    var command = new ArrayList<String>();
    command.add(root.resolve("lib64/ld-linux-x86-64.so.2").toString());
    command.add("--library-path");
    command.add(root.resolve("lib/x86_64-linux-gnu").toString());
    for (var argument : strings(config.at("/config/Entrypoint"))) {
      command.add(argument.startsWith("/") ? root + argument : argument);
    }
    command.add("version");

    var output = run(command);

    assertThat(output).startsWith("ecs-bluegreen-operator ");
  }

  @Test
  void theImagesRuntimeTakesTheOperatorsClassesFromTheArchiveTheImageShips() throws Exception {
    // From the image's working directory, as in the container: the archive names the jar as
    // ../app/ecs-bluegreen-operator.jar. -Xshare:on fails the start if the runtime refuses it.
    var command = new ArrayList<String>();
    command.add(root.resolve("lib64/ld-linux-x86-64.so.2").toString());
    command.add("--library-path");
    command.add(root.resolve("lib/x86_64-linux-gnu").toString());
    command.add(root.resolve("opt/java/bin/java").toString());
    command.add("-Xshare:on");
    command.add("-XX:SharedArchiveFile=" + root.resolve("app/ecs-bluegreen-operator.jsa"));
    command.add("-Xlog:class+load=info");
    command.add("-jar");
    command.add(root.resolve("app/ecs-bluegreen-operator.jar").toString());
    command.add("version");

    var output = run(command, root.resolve(config.at("/config/WorkingDir").asText().substring(1)));

    assertThat(output)
        .contains("dev.ecsbluegreen.operator.cli.OperatorCli source: shared objects file (top)");
  }

  private static Path blob(Path layout, String digest) {
    return layout.resolve("blobs").resolve(digest.replace(':', '/'));
  }

  private static List<String> strings(JsonNode array) {
    var values = new ArrayList<String>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  private static String run(List<String> command) throws Exception {
    return run(command, Path.of("."));
  }

  private static String run(List<String> command, Path directory) throws Exception {
    var process =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
    }
    return output;
  }
}
