package dev.ecsbluegreen.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.embedded.EmbeddedKubernetes;
import dev.ecsbluegreen.operator.embedded.Kubeconfig;
import dev.ecsbluegreen.operator.embedded.ReleaseManifests;
import dev.ecsbluegreen.simulator.Simulator;
import dev.ecsbluegreen.simulator.world.ScaledClock;
import dev.ecsbluegreen.simulator.world.WorldLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * `run` as a user runs it against a cluster: a kubeconfig file, AWS's default credentials chain and
 * an endpoint, here the embedded API and the simulator.
 */
class RunCommandIT {
  private static Simulator aws;
  private static EmbeddedKubernetes kubernetes;

  @BeforeAll
  static void startClusterAndAws() {
    var world =
        WorldLoader.read(RunCommandIT.class.getResourceAsStream("/embedded/world.yaml"), "world");
    aws = Simulator.start(world, ScaledClock.minuteLasts(300));
    kubernetes = EmbeddedKubernetes.start(0);
    // The SDK's default chain reads these system properties, as it reads env vars in a pod.
    System.setProperty("aws.accessKeyId", "run-command-test");
    System.setProperty("aws.secretAccessKey", "secret");
  }

  @AfterAll
  static void stop() {
    kubernetes.close();
    aws.close();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @Test
  void releasesThroughTheClusterNamedByAKubeconfigFile(@TempDir Path folder) throws Exception {
    var kubeconfig = Kubeconfig.write(folder.resolve("kubeconfig"), kubernetes.url());
    var command = new RunCommand();
    new CommandLine(command)
        .parseArgs(
            "--kubeconfig", kubeconfig.toString(),
            "--aws-endpoint", aws.endpoint().toString(),
            "--region", "us-east-1",
            "--namespace", "payments",
            "--poll-active", "1",
            "--poll-idle", "1",
            "--http-port", "0");

    try (var operator = command.start()) {
      var release =
          ReleaseManifests.load(List.of(Path.of("..", "examples", "checkout-api.yaml"))).get(0);
      kubernetes.client().resource(release).create();

      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () -> {
                var current = kubernetes.client().resource(release).get();
                assertThat(current.getStatus()).isNotNull();
                assertThat(current.getStatus().phase()).isEqualTo(Phase.Succeeded);
              });

      assertThat(get(operator.httpPort(), "/readyz").statusCode()).isEqualTo(200);
      // The pass records its metrics just after it writes the status seen above.
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(get(operator.httpPort(), "/metrics").body())
                      .contains("ecs_bluegreen_releases{phase=\"Succeeded\"} 1.0")
                      .contains("operation=\"CreateDeployment\",outcome=\"ok\""));
    }
    assertThat(aws.callLog().count("CreateDeployment")).isEqualTo(1);
  }

  private static java.net.http.HttpResponse<String> get(int port, String path) throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + port + path))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void refusesAnUnreadableKubeconfigWithAClearMessage() {
    var err = new java.io.StringWriter();
    var code =
        OperatorCli.execute(
            new java.io.PrintWriter(err), "run", "--kubeconfig", "/nonexistent/kubeconfig");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("--kubeconfig /nonexistent/kubeconfig: no readable file");
    assertThat(err.toString()).doesNotContain("at dev.ecsbluegreen");
  }

  @Test
  void refusesAWrongFlagWithUsage() {
    var err = new java.io.StringWriter();

    var code = OperatorCli.execute(new java.io.PrintWriter(err), "run", "--poll-active", "soon");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--poll-active");
  }
}
