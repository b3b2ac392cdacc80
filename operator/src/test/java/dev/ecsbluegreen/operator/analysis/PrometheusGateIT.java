package dev.ecsbluegreen.operator.analysis;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus.Verdict;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.PrometheusCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.SecretKeyRef;
import dev.ecsbluegreen.operator.api.v1alpha1.ThresholdRange;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.operator.fixtures.PrometheusStub;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TestTraffic gates by a prometheus check on CodeDeploy releases: the operator queries a
 * Prometheus-compatible endpoint while the deployment waits at the ready wait, then lets production
 * traffic move or rolls back; a query that measures nothing and a token it cannot read never pass.
 */
class PrometheusGateIT extends HarnessScenarios {
  private static final ThresholdRange AT_MOST_5_PERCENT = new ThresholdRange(null, 0.05);

  private PrometheusStub prometheus;

  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return OperatorHarness.withDataPlane(kubernetes, "pgood", "pbad", "pnotoken", "pnodata");
  }

  @BeforeAll
  void startPrometheus() {
    prometheus = PrometheusStub.start();
  }

  @AfterAll
  void stopPrometheus() {
    prometheus.close();
  }

  @Test
  void passingQueryLetsProductionTrafficMove() {
    waitingGroup("pgood");
    harness
        .client
        .secrets()
        .inNamespace(harness.namespace())
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("prometheus-reader")
                .endMetadata()
                // data, not stringData: the mock API server does not turn one into the other.
                .withData(
                    Map.of(
                        "token",
                        Base64.getEncoder()
                            .encodeToString("reader-token".getBytes(StandardCharsets.UTF_8))))
                .build())
        .create();
    String query = errorRatio("pgood");
    prometheus.vector(query, 0.002);
    harness.apply(
        release("pgood")
            .analysis(check(query, new SecretKeyRef("prometheus-reader", "token"), 2))
            .build());

    var status = harness.awaitPhase("pgood", Phase.Succeeded);

    var errors = only(status);
    assertThat(errors.verdict()).isEqualTo(Verdict.Passed);
    assertThat(errors.runs()).isEqualTo(2);
    assertThat(errors.lastValue()).isEqualTo("0.002");
    assertThat(errors.lastMessage()).isEqualTo("measured 0.002; passes at <= 0.05");
    assertThat(harness.runningTaskDefinition("pgood")).endsWith("pgood:2");
    assertThat(prometheus.requests(query))
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer reader-token"));
  }

  @Test
  void failingQueryRollsBackBeforeProductionTrafficMoves() {
    waitingGroup("pbad");
    String query = errorRatio("pbad");
    prometheus.vector(query, 0.31);
    try (var phases = harness.watchPhases("pbad")) {
      harness.apply(release("pbad").analysis(check(query, null, 3)).build());

      var status = harness.awaitPhase("pbad", Phase.RolledBack);

      assertThat(phases.phases())
          .contains(Phase.TestTraffic, Phase.RollingBack)
          .doesNotContain(Phase.AwaitingPromotion, Phase.ShiftingTraffic, Phase.Baking);
      assertThat(status.message())
          .isEqualTo(
              "Rolled back: analysis check errors failed (measured 0.31; passes at <= 0.05)");
      assertThat(only(status).verdict()).isEqualTo(Verdict.Failed);
      assertThat(status.traffic().green()).isZero();
      assertThat(harness.runningTaskDefinition("pbad")).endsWith("pbad:1");
    }
  }

  @Test
  void aTokenSecretThatCannotBeReadIsInconclusiveAndNeverPasses() {
    waitingGroup("pnotoken");
    String query = errorRatio("pnotoken");
    prometheus.vector(query, 0.0);
    harness.apply(
        release("pnotoken")
            .analysis(check(query, new SecretKeyRef("missing-token", "token"), 1))
            .build());

    var status = awaitInconclusive("pnotoken", 2);

    var errors = only(status);
    assertThat(errors.verdict()).isEqualTo(Verdict.Running);
    assertThat(errors.lastMessage())
        .isEqualTo(
            "no query sent: Secret %s/missing-token does not exist".formatted(harness.namespace()));
    assertThat(status.phase()).isEqualTo(Phase.TestTraffic);
    assertThat(status.traffic().green()).isZero();
    assertThat(prometheus.requests(query)).as("no query without its token").isEmpty();
  }

  @Test
  void aQueryWithNoSeriesIsInconclusiveAndNeverPasses() {
    waitingGroup("pnodata");
    String query = errorRatio("pnodata");
    prometheus.vector(query);
    harness.apply(release("pnodata").analysis(check(query, null, 1)).build());

    var status = awaitInconclusive("pnodata", 2);

    var errors = only(status);
    assertThat(errors.verdict()).isEqualTo(Verdict.Running);
    assertThat(errors.lastValue()).isEqualTo("no series");
    assertThat(status.phase()).isEqualTo(Phase.TestTraffic);
    assertThat(status.message()).contains("errors 0/1 passed, 2 inconclusive");
    assertThat(status.traffic().green()).isZero();
  }

  private EcsBlueGreenReleaseStatus awaitInconclusive(String lane, int runs) {
    return harness.awaitRelease(
        lane, s -> s.analysis() != null && s.analysis().get(0).inconclusive() >= runs);
  }

  private void waitingGroup(String lane) {
    harness.createGroup(harness.groupShape(lane, 0, "STOP_DEPLOYMENT", 600));
  }

  private AnalysisCheck check(String query, SecretKeyRef token, int count) {
    return new AnalysisCheck(
        "errors",
        null,
        30,
        count,
        1,
        null,
        null,
        new PrometheusCheck(prometheus.url(), query, AT_MOST_5_PERCENT, token));
  }

  /** Green's 5xx ratio as a dashboard would ask for it; each lane asks its own. */
  private static String errorRatio(String lane) {
    return ("sum(rate(http_requests_total{service=\"%s\",revision=\"green\",code=~\"5..\"}[1m]))"
            + " / sum(rate(http_requests_total{service=\"%s\",revision=\"green\"}[1m]))")
        .formatted(lane, lane);
  }

  private static AnalysisCheckStatus only(EcsBlueGreenReleaseStatus status) {
    assertThat(status.analysis()).hasSize(1);
    return status.analysis().get(0);
  }
}
