package dev.ecsbluegreen.operator.api;

import dev.ecsbluegreen.operator.fixtures.RealApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The machine's kubectl, pointed at the real API server with its admin kubeconfig. */
final class Kubectl {
  private final Path kubeconfig;

  private Kubectl(Path kubeconfig) {
    this.kubeconfig = kubeconfig;
  }

  static Kubectl against(RealApiServer server) {
    try {
      Path file = Files.createTempFile("e2e-kubeconfig", ".yaml");
      file.toFile().deleteOnExit();
      Files.writeString(file, server.kubeconfigYaml());
      return new Kubectl(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs kubectl in the repository's root folder, so relative paths read as in the README. */
  Result run(String... args) {
    // The request timeout ends a stuck call; the output is read to the end before the wait.
    List<String> command =
        new ArrayList<>(
            List.of("kubectl", "--kubeconfig", kubeconfig.toString(), "--request-timeout=30s"));
    command.addAll(List.of(args));
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(RealApiServer.repository().toFile())
              .redirectErrorStream(true)
              .start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("kubectl did not finish in 60 s: " + command);
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException("kubectl must be on the PATH for the *E2E tests", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** kubectl's exit code and its output, standard error included. */
  record Result(int exitCode, String output) {}
}
