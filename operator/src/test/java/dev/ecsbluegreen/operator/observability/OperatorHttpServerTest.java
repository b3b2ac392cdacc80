package dev.ecsbluegreen.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The probes and the scrape endpoint, over real HTTP, as the kubelet and Prometheus see them. */
class OperatorHttpServerTest {
  static final HttpClient HTTP = HttpClient.newHttpClient();

  OperatorMetrics metrics;
  OperatorHealth health;
  OperatorHttpServer server;

  @BeforeEach
  void start() {
    metrics = new OperatorMetrics();
    health = new OperatorHealth();
    server = OperatorHttpServer.start(0, health, metrics);
  }

  @AfterEach
  void stop() {
    server.close();
    metrics.close();
  }

  @Test
  void aStartingOperatorIsLiveButNotReady() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    var ready = get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).contains("not started");
  }

  @Test
  void aStartedOperatorIsReady() throws Exception {
    health.attach(() -> true, Set::of);

    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void anInformerThatStoppedWatchingFailsLivenessButNotReadiness() throws Exception {
    var watching = new AtomicBoolean(true);
    health.attach(() -> true, () -> watching.get() ? Set.of() : Set.of("ecs-bluegreen-release"));
    assertThat(get("/healthz").statusCode()).isEqualTo(200);

    watching.set(false);

    var live = get("/healthz");
    assertThat(live.statusCode()).isEqualTo(503);
    assertThat(live.body()).contains("ecs-bluegreen-release");
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void aStoppingOperatorIsNoLongerReady() throws Exception {
    health.attach(() -> true, Set::of);

    health.stopping();

    assertThat(get("/readyz").statusCode()).isEqualTo(503);
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void metricsAreServedInThePrometheusTextFormat() throws Exception {
    new MicrometerReleaseMetrics(metrics.registry());

    var response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body())
        .contains("# TYPE ecs_bluegreen_releases gauge")
        .contains("ecs_bluegreen_releases{phase=\"Baking\"} 0.0")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void onlyTheThreeEndpointsExist() throws Exception {
    assertThat(get("/").statusCode()).isEqualTo(404);
    assertThat(get("/healthz/extra").statusCode()).isEqualTo(404);
    assertThat(get("/metricsz").statusCode()).isEqualTo(404);
  }

  @Test
  void probesAreReadOnly() throws Exception {
    var response =
        HTTP.send(
            HttpRequest.newBuilder(uri("/healthz"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + server.port() + path);
  }
}
