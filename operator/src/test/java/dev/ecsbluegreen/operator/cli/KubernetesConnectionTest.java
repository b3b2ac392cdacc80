package dev.ecsbluegreen.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
          answer(exchange);
        });
    server.start();
    try (var client = clientFor(server.getAddress().getPort())) {
      assertThatCode(() -> KubernetesConnection.requireAnswer(client)).doesNotThrowAnyException();
    } finally {
      server.stop(0);
    }
  }

  @Test
  void theCheckOpensTheConnectionTheOperatorsClientGoesOnWith() throws Exception {
    // One connection (over TLS, one handshake) for the check and the informers that follow it.
    var callers = new CopyOnWriteArrayList<String>();
    var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          callers.add(exchange.getRequestURI().getPath() + " from " + exchange.getRemoteAddress());
          answer(exchange);
        });
    server.start();
    try (var client = clientFor(server.getAddress().getPort())) {
      KubernetesConnection.requireAnswer(client);
      var http = client.getHttpClient();
      http.sendAsync(
              http.newHttpRequestBuilder().uri(client.getMasterUrl() + "api").build(), String.class)
          .get(10, TimeUnit.SECONDS);

      assertThat(callers).hasSize(2);
      String checkedFrom = callers.get(0).replace("/version from ", "");
      assertThat(callers.get(1)).isEqualTo("/api from " + checkedFrom);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void anApiServerThatRefusesFailsTheStartAtOnceDespiteTheClientsRetries() throws Exception {
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (var client = clientFor(port)) {
      // The operator's client retries a refused connection for about 20 s; the check does not.
      long started = System.nanoTime();

      assertThatThrownBy(() -> KubernetesConnection.requireAnswer(client))
          .isInstanceOf(StartupException.class)
          .hasMessage(
              "the Kubernetes API at http://127.0.0.1:%d/ did not answer (connection refused);"
                      .formatted(port)
                  + " check the kubeconfig's server and that the cluster is up");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
  }

  private KubernetesClient clientFor(int port) throws Exception {
    var config = KubernetesConnection.config(kubeconfig("http://127.0.0.1:" + port), Map.of());
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static void answer(HttpExchange exchange) throws IOException {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
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
