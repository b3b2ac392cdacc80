package dev.ecsbluegreen.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.analysis.Measurement.Result;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.PrometheusCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.SecretKeyRef;
import dev.ecsbluegreen.operator.api.v1alpha1.ThresholdRange;
import dev.ecsbluegreen.operator.fixtures.PrometheusStub;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient
class PrometheusProviderTest {
  private static final ResourceID RELEASE = new ResourceID("checkout", "payments");
  private static final String ERRORS = "sum(rate(http_errors_total{job=\"checkout\"}[1m]))";
  private static final ThresholdRange AT_MOST_5_PERCENT = new ThresholdRange(null, 0.05);

  KubernetesMockServer server;
  KubernetesClient client;
  private PrometheusStub prometheus;
  private PrometheusProvider provider;

  @BeforeEach
  void start() {
    prometheus = PrometheusStub.start();
    provider = new PrometheusProvider(new TokenSecrets(client));
  }

  @AfterEach
  void stop() {
    prometheus.close();
  }

  @Test
  void aValueWithinTheRangePasses() {
    prometheus.vector(ERRORS, 0.01);

    var measurement = provider.measure(check(AT_MOST_5_PERCENT, null), RELEASE);

    assertThat(measurement.result()).isEqualTo(Result.PASS);
    assertThat(measurement.value()).isEqualTo("0.01");
    assertThat(measurement.message()).isEqualTo("measured 0.01; passes at <= 0.05");
    assertThat(prometheus.requests(ERRORS)).singleElement().extracting("authorization").isNull();
  }

  @Test
  void aValueOutsideTheRangeFails() {
    prometheus.scalar(ERRORS, 0.31);

    var measurement = provider.measure(check(new ThresholdRange(0.0, 0.05), null), RELEASE);

    assertThat(measurement.result()).isEqualTo(Result.FAIL);
    assertThat(measurement.message()).isEqualTo("measured 0.31; passes at 0..0.05");
  }

  @Test
  void bothBoundsAreIncluded() {
    assertThat(new ThresholdRange(0.9, 1.0).contains(0.9)).isTrue();
    assertThat(new ThresholdRange(0.9, 1.0).contains(1.0)).isTrue();
    assertThat(new ThresholdRange(0.9, null).contains(0.89)).isFalse();
    assertThat(new ThresholdRange(null, 1.0).contains(Double.NaN)).isFalse();
  }

  @Test
  void noSeriesIsInconclusive() {
    prometheus.vector(ERRORS);

    var measurement = provider.measure(check(AT_MOST_5_PERCENT, null), RELEASE);

    assertThat(measurement.result()).isEqualTo(Result.INCONCLUSIVE);
    assertThat(measurement.value()).isEqualTo("no series");
    assertThat(measurement.message()).startsWith("the query returned no series");
  }

  @Test
  void severalSeriesAreInconclusiveAndSayToAggregate() {
    prometheus.vector(ERRORS, 0.01, 0.5);

    var measurement = provider.measure(check(AT_MOST_5_PERCENT, null), RELEASE);

    assertThat(measurement.result()).isEqualTo(Result.INCONCLUSIVE);
    assertThat(measurement.message())
        .contains("returned 2 series, not one")
        .contains("aggregate it");
  }

  @Test
  void notANumberIsInconclusive() {
    prometheus.vector(ERRORS, Double.NaN);

    var measurement = provider.measure(check(AT_MOST_5_PERCENT, null), RELEASE);

    assertThat(measurement.result()).isEqualTo(Result.INCONCLUSIVE);
    assertThat(measurement.message()).contains("NaN");
  }

  @Test
  void infinityIsANumberOutsideAnUpperBound() {
    prometheus.vector(ERRORS, Double.POSITIVE_INFINITY);

    var measurement = provider.measure(check(AT_MOST_5_PERCENT, null), RELEASE);

    assertThat(measurement.result()).isEqualTo(Result.FAIL);
  }

  @Test
  void anErrorAnswerIsInconclusiveWithPrometheussMessage() {
    var measurement = provider.measure(check(AT_MOST_5_PERCENT, null), RELEASE);

    assertThat(measurement.result()).isEqualTo(Result.INCONCLUSIVE);
    assertThat(measurement.message()).contains("answered 400: bad_data: unknown query");
  }

  @Test
  void anUnreachablePrometheusIsInconclusive() throws IOException {
    int closed;
    try (var socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    var check =
        new AnalysisCheck(
            "errors",
            null,
            null,
            null,
            null,
            null,
            null,
            new PrometheusCheck("http://127.0.0.1:" + closed, ERRORS, AT_MOST_5_PERCENT, null));

    var measurement = provider.measure(check, RELEASE);

    assertThat(measurement.result()).isEqualTo(Result.INCONCLUSIVE);
    assertThat(measurement.message()).contains("could not be reached");
  }

  @Test
  void theTokenFromTheReleasesNamespaceIsSentAsABearerToken() {
    prometheus.vector(ERRORS, 0.0);
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/payments/secrets/prometheus-reader")
        .andReturn(200, secret("token", "s3cr3t\n"))
        .always();

    var measurement =
        provider.measure(
            check(AT_MOST_5_PERCENT, new SecretKeyRef("prometheus-reader", "token")), RELEASE);

    assertThat(measurement.result()).isEqualTo(Result.PASS);
    assertThat(prometheus.requests(ERRORS))
        .singleElement()
        .extracting("authorization")
        .isEqualTo("Bearer s3cr3t");
  }

  @Test
  void aForbiddenSecretReadIsInconclusiveAndNamesTheChartValue() {
    prometheus.vector(ERRORS, 0.0);
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/payments/secrets/prometheus-reader")
        .andReturn(
            403,
            new StatusBuilder()
                .withCode(403)
                .withReason("Forbidden")
                .withMessage("secrets \"prometheus-reader\" is forbidden")
                .build())
        .always();

    var measurement =
        provider.measure(
            check(AT_MOST_5_PERCENT, new SecretKeyRef("prometheus-reader", "token")), RELEASE);

    assertThat(measurement.result()).isEqualTo(Result.INCONCLUSIVE);
    assertThat(measurement.message())
        .contains("may not read Secret payments/prometheus-reader")
        .contains("analysis.prometheus.readTokenSecrets=true");
    assertThat(prometheus.requests()).as("no query without its token").isEmpty();
  }

  @Test
  void aMissingSecretOrKeyIsInconclusive() {
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/payments/secrets/other")
        .andReturn(200, secret("password", "x"))
        .always();

    var missing =
        provider.measure(check(AT_MOST_5_PERCENT, new SecretKeyRef("gone", "token")), RELEASE);
    var noKey =
        provider.measure(check(AT_MOST_5_PERCENT, new SecretKeyRef("other", "token")), RELEASE);

    assertThat(missing.result()).isEqualTo(Result.INCONCLUSIVE);
    assertThat(missing.message()).contains("Secret payments/gone does not exist");
    assertThat(noKey.result()).isEqualTo(Result.INCONCLUSIVE);
    assertThat(noKey.message()).contains("Secret payments/other has no key token");
  }

  @Test
  void theQueryGoesUnderTheUrlsPathPrefix() {
    assertThat(PrometheusProvider.endpoint("http://thanos:9090/prometheus/"))
        .isEqualTo(URI.create("http://thanos:9090/prometheus/api/v1/query"));
    assertThat(PrometheusProvider.endpoint("http://prometheus:9090"))
        .isEqualTo(URI.create("http://prometheus:9090/api/v1/query"));
  }

  private AnalysisCheck check(ThresholdRange range, SecretKeyRef token) {
    return new AnalysisCheck(
        "errors",
        null,
        null,
        null,
        null,
        null,
        null,
        new PrometheusCheck(prometheus.url(), ERRORS, range, token));
  }

  private static io.fabric8.kubernetes.api.model.Secret secret(String key, String value) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName("prometheus-reader")
        .withNamespace("payments")
        .endMetadata()
        .withData(
            Map.of(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))))
        .build();
  }
}
