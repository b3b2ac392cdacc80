package dev.ecsbluegreen.operator.chaos;

import dev.ecsbluegreen.operator.cli.OperatorCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The operator's {@code run} command in a JVM of its own, as a pod runs it, on the test run's
 * classpath (the jar is built only after the tests). Its AWS access key names the process, so the
 * simulator's call log says which process made each call. {@link #kill} is SIGKILL: no shutdown
 * hook, no Lease released, requests cut wherever they were.
 */
final class OperatorProcess {
  /** Every chaos operator's access key starts so; the run's own calls use another. */
  static final String ACCESS_KEY_PREFIX = "AKIDCHAOSOP";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

  final String identity;
  private final Process process;
  private final int httpPort;
  private final long startedNanos;
  private Duration startup;

  private OperatorProcess(String identity, Process process, int httpPort) {
    this.identity = identity;
    this.process = process;
    this.httpPort = httpPort;
    this.startedNanos = System.nanoTime();
  }

  /** Where and how the operator processes of a run connect, and whether they elect a leader. */
  record Launch(
      Path kubeconfig,
      URI awsEndpoint,
      String namespace,
      Optional<String> leaseNamespace,
      Path logFolder) {

    static final String LEASE = "ecs-bluegreen-operator";

    OperatorProcess start(String identity) {
      int port = freePort();
      var command = new ArrayList<String>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      // Two cores are shared with the API server, the simulator and the other replica.
      command.addAll(List.of("-XX:+UseSerialGC", "-Xmx384m", "-XX:TieredStopAtLevel=1"));
      command.add("-cp");
      command.add(
          System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
      command.add(OperatorCli.class.getName());
      command.addAll(
          List.of(
              "run",
              "--kubeconfig",
              kubeconfig.toString(),
              "--aws-endpoint",
              awsEndpoint.toString(),
              "--region",
              "us-east-1",
              "--namespace",
              namespace,
              "--poll-active",
              "1",
              "--poll-idle",
              "1",
              "--poll-stalled",
              "5",
              "--http-port",
              String.valueOf(port)));
      leaseNamespace.ifPresent(ignored -> command.addAll(List.of("--leader-election", LEASE)));
      var builder = new ProcessBuilder(command);
      var env = builder.environment();
      env.remove("KUBECONFIG");
      env.remove("KUBERNETES_SERVICE_HOST");
      env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_PREFIX + identity.toUpperCase().replace('-', 'X'));
      env.put("AWS_SECRET_ACCESS_KEY", "chaos");
      env.put("OPERATOR_LOG_LEVEL", "INFO");
      env.put("POD_NAME", identity);
      leaseNamespace.ifPresent(ns -> env.put("POD_NAMESPACE", ns));
      var log = logFolder.resolve(identity + ".log").toFile();
      builder.redirectErrorStream(true).redirectOutput(log);
      try {
        return new OperatorProcess(identity, builder.start(), port);
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the operator process " + identity, e);
      }
    }
  }

  /** SIGKILL, and waits until the process is gone. */
  void kill() {
    process.destroyForcibly();
    awaitExit();
  }

  /** SIGTERM: the operator's shutdown hook stops it in order. */
  void stop() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Exit code of a process that ended by itself, e.g. a replica that lost its Lease. */
  Optional<Integer> exitedWith() {
    return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
  }

  Duration uptime() {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  /** From start until /readyz first answered 200; empty until then. */
  Optional<Duration> startup() {
    if (startup == null && ready()) {
      startup = uptime();
    }
    return Optional.ofNullable(startup);
  }

  private boolean ready() {
    try {
      var request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/readyz"))
              .timeout(Duration.ofMillis(500))
              .build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void awaitExit() {
    try {
      process.waitFor(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
