package dev.ecsbluegreen.operator.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data-sharing archive the build writes beside the jar: that this JVM accepts it for the
 * jar, that it holds what the operator loads before its first status write, and that a jar it was
 * not made for, or no archive at all, still starts. Runs after package, in the verify phase (see
 * operator/pom.xml), as it needs the packaged jar and archive.
 */
class ClassDataSharingArchiveTest {
  private static final Path JAR = Path.of("target", "ecs-bluegreen-operator.jar");
  private static final Path ARCHIVE = Path.of("target", "ecs-bluegreen-operator.jsa");

  @TempDir Path work;

  @Test
  void theArchiveIsValidForTheJarAndHoldsTheOperatorsStartUpClasses() throws Exception {
    var run =
        java(
            "-XX:SharedArchiveFile=" + ARCHIVE,
            "-XX:+PrintSharedArchiveAndExit",
            "-Xlog:class+path=off",
            "-jar",
            JAR.toString());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("archive is valid")
        .contains("io.fabric8.kubernetes.client.KubernetesClientBuilder app_loader")
        .contains("io.javaoperatorsdk.operator.Operator app_loader")
        .contains("software.amazon.awssdk.services.codedeploy.DefaultCodeDeployClient app_loader")
        .contains("software.amazon.awssdk.services.ecs.DefaultEcsClient app_loader")
        .contains("dev.ecsbluegreen.operator.reconciler.ReleasePass app_loader")
        // What only `run` starts: the metrics registry and the probes' HTTP server.
        .contains("io.micrometer.prometheusmetrics.PrometheusMeterRegistry app_loader")
        .contains("dev.ecsbluegreen.operator.observability.OperatorHttpServer app_loader");
  }

  @Test
  void theOperatorsClassesComeFromTheArchiveWhenItIsRequired() throws Exception {
    var run =
        java(
            "-Xshare:on",
            "-XX:SharedArchiveFile=" + ARCHIVE,
            "-Xlog:class+load=info",
            "-jar",
            JAR.toString(),
            "version");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("dev.ecsbluegreen.operator.cli.OperatorCli source: shared objects file (top)");
  }

  @Test
  void aJarTheArchiveWasNotMadeForStartsWithOneWarning() throws Exception {
    var otherJar = work.resolve("ecs-bluegreen-operator.jar");
    Files.copy(JAR, otherJar, StandardCopyOption.COPY_ATTRIBUTES);
    Files.setLastModifiedTime(otherJar, FileTime.fromMillis(1_000));

    var run = java("-XX:SharedArchiveFile=" + ARCHIVE, "-jar", otherJar.toString(), "version");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output().lines().filter(line -> line.contains("cds")))
        .singleElement()
        .asString()
        .endsWith(
            "[warning][cds,dynamic] Unable to use shared archive. The top archive failed to load: "
                + ARCHIVE);
    assertThat(run.output()).contains("ecs-bluegreen-operator ");
  }

  @Test
  void aMissingArchiveStartsWithoutAWord() throws Exception {
    var run =
        java(
            "-XX:SharedArchiveFile=" + work.resolve("absent.jsa"),
            "-jar",
            JAR.toString(),
            "version");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output().strip()).startsWith("ecs-bluegreen-operator ").doesNotContain("cds");
  }

  private record Run(int exitCode, String output) {}

  /** A fresh JVM of this build's Java with the image's flags and the options given. */
  private static Run java(String... options) throws IOException, InterruptedException {
    var command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(ArchiveTrainer.flags(System.getProperty("operator.jvmFlags", "")));
    command.addAll(List.of(options));
    var process = new ProcessBuilder(command).redirectErrorStream(true).start();
    var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    return new Run(process.exitValue(), output);
  }
}
