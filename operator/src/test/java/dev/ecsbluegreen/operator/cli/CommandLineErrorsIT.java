package dev.ecsbluegreen.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `run` failing to start, as a person at a terminal sees it: the real process with its own
 * environment, its exit code and everything it writes to stderr. Each failure is one `error:` line
 * with no stack trace, and a missing cluster is reported at once.
 */
class CommandLineErrorsIT {
  /**
   * "At once" next to what a retrying client would take: Fabric8's default backoff (10 retries from
   * 100 ms, doubling) spends about 100 s before it gives up. The margin leaves room for a JVM that
   * needs 20 s to start on a loaded 2-core machine.
   */
  private static final Duration FAST = Duration.ofSeconds(45);

  @TempDir Path folder;

  @Test
  void noClusterConfiguredFailsAtOnceWithOneLine() throws Exception {
    var home = Files.createDirectories(folder.resolve("home"));
    var missing = folder.resolve("missing-kubeconfig");

    var result = run(List.of("KUBECONFIG=" + missing, "HOME=" + home), "run", "--http-port", "0");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .containsExactly(
            "error: no Kubernetes cluster configured: no kubeconfig at "
                + missing
                + " and not in a pod (KUBERNETES_SERVICE_HOST is unset); pass --kubeconfig FILE or"
                + " set KUBECONFIG");
    assertThat(result.took()).isLessThan(FAST);
  }

  @Test
  void anUnreachableClusterFailsAtOnceWithOneLine() throws Exception {
    var kubeconfig = kubeconfig("http://127.0.0.1:" + freePort());

    var result = run(List.of(), "run", "--kubeconfig", kubeconfig.toString(), "--http-port", "0");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(errorLine(result))
        .startsWith("error: the Kubernetes API at http://127.0.0.1:")
        .endsWith(
            " did not answer (connection refused); check the kubeconfig's server and that the"
                + " cluster is up");
    assertThat(result.took()).isLessThan(FAST);
  }

  @Test
  void aPortInUseIsOneLineNamingThePort() throws Exception {
    try (var busy = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
      var port = busy.getLocalPort();

      var result =
          run(
              List.of(),
              "run",
              "--kubeconfig",
              kubeconfig("http://127.0.0.1:1").toString(),
              "--http-port",
              String.valueOf(port));

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.stderr())
          .containsExactly(
              "error: Cannot listen on port "
                  + port
                  + ": Address already in use; stop what listens there or choose another port (0"
                  + " picks a free one)");
    }
  }

  @Test
  void debugLoggingAddsTheStackTraceAfterTheLine() throws Exception {
    try (var busy = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
      var result =
          run(
              List.of(),
              "run",
              "--log-level=debug",
              "--kubeconfig",
              kubeconfig("http://127.0.0.1:1").toString(),
              "--http-port",
              String.valueOf(busy.getLocalPort()));

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.stderr()).anyMatch(line -> line.startsWith("error: Cannot listen on port"));
      assertThat(result.stderr())
          .anyMatch(line -> line.startsWith("Caused by: java.net.BindException"));
    }
  }

  @Test
  void anUnknownLogLevelIsWrongUsage() throws Exception {
    var result = run(List.of(), "run", "--log-level=bogus");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr())
        .containsExactly(
            "error: Invalid value for option '--log-level': expected one of [ERROR, WARN, INFO,"
                + " DEBUG, TRACE] (case-insensitive) but was 'bogus' (see 'ecs-bluegreen-operator"
                + " run --help')");
  }

  /** The error line, after whatever the operator logged while starting. */
  private static String errorLine(Result result) {
    assertThat(result.stderr())
        .noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by"));
    assertThat(result.stderr()).filteredOn(line -> line.startsWith("error:")).hasSize(1);
    return result.stderr().get(result.stderr().size() - 1);
  }

  private Path kubeconfig(String server) throws IOException {
    return Files.writeString(
        folder.resolve("kubeconfig"),
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "%s"}}]
        contexts: [{name: c, context: {cluster: c, user: u}}]
        users: [{name: u, user: {token: t}}]
        current-context: c
        """
            .formatted(server));
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Runs the command line in a JVM of its own, with no cluster in its environment. */
  private Result run(List<String> env, String... args) throws Exception {
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add(OperatorCli.class.getName());
    command.addAll(List.of(args));
    var process = new ProcessBuilder(command);
    var environment = process.environment();
    environment.remove("KUBERNETES_SERVICE_HOST");
    environment.remove("KUBERNETES_MASTER");
    environment.remove("OPERATOR_LOG_LEVEL");
    environment.put("AWS_REGION", "us-east-1");
    for (var entry : env) {
      var equals = entry.indexOf('=');
      environment.put(entry.substring(0, equals), entry.substring(equals + 1));
    }
    var stderr = folder.resolve("stderr");
    process.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    process.redirectError(stderr.toFile());
    var started = System.nanoTime();
    var running = process.start();
    if (!running.waitFor(60, TimeUnit.SECONDS)) {
      running.destroyForcibly();
      throw new AssertionError("still running after 60 s; stderr:\n" + Files.readString(stderr));
    }
    return new Result(
        running.exitValue(),
        Files.readAllLines(stderr, StandardCharsets.UTF_8),
        Duration.ofNanos(System.nanoTime() - started));
  }

  private record Result(int exitCode, List<String> stderr, Duration took) {}
}
