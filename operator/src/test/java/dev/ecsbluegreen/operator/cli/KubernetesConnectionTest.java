package dev.ecsbluegreen.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesConnectionTest {
  @TempDir Path folder;

  @Test
  void speaksHttp11ToAnApiServerOnPlainHttp() throws Exception {
    var config = KubernetesConnection.config(kubeconfig("http://localhost:6443"), Map.of());

    assertThat(config.isHttp2Disable()).isTrue();
  }

  @Test
  void keepsHttp2ForAnApiServerOnTls() throws Exception {
    var config = KubernetesConnection.config(kubeconfig("https://10.0.0.1:6443"), Map.of());

    assertThat(config.isHttp2Disable()).isFalse();
  }

  @Test
  void anApiServerSlowerToAnswerThanToConnectIsWaitedFor() throws Exception {
    // What a JVM starved of CPU at start sees of its first answer: seconds after connecting.
    var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/version",
        exchange -> {
          try {
            Thread.sleep(6_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      var config =
          KubernetesConnection.config(
              kubeconfig("http://127.0.0.1:" + server.getAddress().getPort()), Map.of());

      assertThatCode(() -> KubernetesConnection.requireAnswer(config)).doesNotThrowAnyException();
    } finally {
      server.stop(0);
    }
  }

  private Path kubeconfig(String server) throws Exception {
    return Files.writeString(
        folder.resolve("kubeconfig"),
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "%s"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: x, context: {cluster: c, user: u}}]
        current-context: x
        """
            .formatted(server));
  }
}
