package dev.ecsbluegreen.operator.benchmark;

import dev.ecsbluegreen.simulator.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The packaged operator's {@code run} mode in a JVM of its own, as the benchmarks start it. */
final class OperatorProcess {
  /** The access key the operator signs with, so the simulator can tell its calls apart. */
  static final String OPERATOR_KEY = "AKIDOPERATOR";

  private OperatorProcess() {}

  /**
   * Starts the jar against the simulator and one namespace, its output in {@code target/<log>}.
   *
   * @param extraArguments options after the common ones (e.g. the events queue)
   */
  static Process start(
      Path jar,
      Path kubeconfig,
      Simulator sim,
      String namespace,
      String log,
      List<String> extraArguments)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    var arguments = new ArrayList<>(List.of(java));
    // The flags the image starts the operator with (operator.jvmFlags in operator/pom.xml).
    for (String flag : System.getProperty("benchmark.jvmFlags", "").split(",")) {
      if (!flag.isBlank()) {
        arguments.add(flag.trim());
      }
    }
    // As the README starts it; a baseline jar copied elsewhere without one starts as before.
    archive(jar).ifPresent(archive -> arguments.add("-XX:SharedArchiveFile=" + archive));
    arguments.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "run",
            "--kubeconfig",
            kubeconfig.toString(),
            "--aws-endpoint",
            sim.endpoint().toString(),
            "--region",
            "us-east-1",
            "--namespace",
            namespace,
            "--http-port",
            "0",
            "--log-level",
            System.getProperty("benchmark.logLevel", "warn")));
    arguments.addAll(extraArguments);
    var command =
        new ProcessBuilder(arguments)
            .redirectErrorStream(true)
            .redirectOutput(Path.of("target", log).toFile());
    command.environment().put("AWS_ACCESS_KEY_ID", OPERATOR_KEY);
    command.environment().put("AWS_SECRET_ACCESS_KEY", "benchmark");
    return command.start();
  }

  /** The class-data-sharing archive the build writes beside the jar, if there is one. */
  static Optional<Path> archive(Path jar) {
    Path archive =
        jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", "") + ".jsa");
    return Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty();
  }
}
