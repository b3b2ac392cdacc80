package dev.ecsbluegreen.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ecsbluegreen.operator.analysis.Measurement.Result;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.HttpCheck;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpProviderTest {
  private static final ResourceID RELEASE = new ResourceID("checkout", "payments");
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // Every fourth request fails; every answer says its version.
    server.createContext(
        "/",
        exchange -> {
          int n = requests.incrementAndGet();
          byte[] body = "version=2".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(n % 4 == 0 ? 503 : 200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aRunPassesWhenTheShareOfGoodAnswersReachesTheRatio() {
    var measurement = new HttpProvider().measure(check(8, 0.75, null), RELEASE);

    assertThat(measurement.result()).isEqualTo(Result.PASS);
    assertThat(measurement.value()).isEqualTo("6/8 good");
    assertThat(measurement.message()).contains("(needs 75%)").contains("2 answered 503");
  }

  @Test
  void aRunFailsBelowTheRatio() {
    var measurement = new HttpProvider().measure(check(8, 1.0, null), RELEASE);

    assertThat(measurement.result()).isEqualTo(Result.FAIL);
    assertThat(measurement.value()).isEqualTo("6/8 good");
  }

  @Test
  void aBodyThatDoesNotMatchIsNotGood() {
    var measurement = new HttpProvider().measure(check(2, 0.5, "version=3"), RELEASE);

    assertThat(measurement.result()).isEqualTo(Result.FAIL);
    assertThat(measurement.message()).contains("2 without a body matching version=3");
  }

  @Test
  void nothingAnsweringIsInconclusive() {
    int port = server.getAddress().getPort();
    server.stop(0);

    var measurement =
        new HttpProvider()
            .measure(
                new AnalysisCheck(
                    "smoke",
                    null,
                    null,
                    null,
                    null,
                    null,
                    new HttpCheck("http://127.0.0.1:" + port + "/", null, 2, null, null, null),
                    null),
                RELEASE);

    assertThat(measurement.result()).isEqualTo(Result.INCONCLUSIVE);
    assertThat(measurement.message()).contains("could not be reached");
  }

  @Test
  void judgingCountsUnansweredRequestsAgainstTheRatio() {
    var http = new HttpCheck("http://x/", List.of(200), 4, 0.75, null, null);

    var measurement = HttpProvider.judge(http, 3, Map.of(), 1);

    assertThat(measurement.result()).isEqualTo(Result.PASS);
    assertThat(measurement.message()).endsWith(": 1 unanswered");
  }

  private AnalysisCheck check(int count, double ratio, String body) {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
    return new AnalysisCheck(
        "smoke",
        null,
        null,
        null,
        null,
        null,
        new HttpCheck(url, null, count, ratio, null, body),
        null);
  }
}
