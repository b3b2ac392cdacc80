package dev.ecsbluegreen.operator.analysis;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck.AnalysisPhase;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus.Verdict;
import dev.ecsbluegreen.operator.api.v1alpha1.CloudWatchCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.CloudWatchCheck.Threshold;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.MetricDimension;
import dev.ecsbluegreen.operator.api.v1alpha1.MetricDimension.DimensionSource;
import dev.ecsbluegreen.operator.api.v1alpha1.MetricStat;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.operator.fixtures.ProductionTraffic;
import dev.ecsbluegreen.simulator.world.World;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;

/**
 * ShiftingTraffic checks with the cloudWatch provider on CodeDeploy canaries: the operator reads
 * green's own target group metrics, which the simulator's data plane produces from what green
 * really answered to production traffic, and rolls a bad green back mid-canary.
 */
public class ShiftingCheckIT extends HarnessScenarios {
  static final String BAD = "errcanary";

  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return OperatorHarness.withDataPlane(kubernetes, BAD, "okcanary", "quiet", "slow");
  }

  @Test
  void greenWhoseErrorRatioRisesIsRolledBackMidCanary() {
    rollsBackMidCanaryOnTheErrorRatio(harness);
  }

  /** Also the real API server's scenario ({@link ShiftingCheckE2E}). */
  static void rollsBackMidCanaryOnTheErrorRatio(OperatorHarness harness) {
    harness.createGroup(BAD, 0);
    try (var traffic = production(harness, BAD);
        var phases = harness.watchPhases(BAD)) {
      harness.apply(
          release(BAD)
              .env("SIM_ERROR_RATE", "1")
              .canary(10, 30)
              .analysis(errorRatio(3, 2))
              .build());

      var status = harness.awaitPhase(BAD, Phase.RolledBack);

      assertThat(phases.phases())
          .containsSubsequence(Phase.ShiftingTraffic, Phase.RollingBack, Phase.RolledBack)
          .doesNotContain(Phase.Baking, Phase.Succeeded);
      assertThat(status.message())
          .startsWith("Rolled back: analysis check error-ratio failed")
          .contains("FILL(errors, 0) / requests = 1, fails: above 0.05");
      assertThat(status.history().get(0).message()).isEqualTo(status.message());
      var check = only(status);
      assertThat(check.phase()).isEqualTo(AnalysisPhase.ShiftingTraffic);
      assertThat(check.verdict()).isEqualTo(Verdict.Failed);
      assertThat(check.failures()).isEqualTo(2);
      assertThat(check.lastValue()).isEqualTo("1");
      assertThat(check.deploymentId()).isEqualTo(status.deploymentId());
      assertThat(status.traffic().green()).isZero();
      assertThat(harness.runningTaskDefinition(BAD)).endsWith(BAD + ":1");
      // Green served its canary share of production, answering 500, before it was caught: a
      // real metric caught it, not a hook.
      assertThat(traffic.errors()).isPositive().isLessThan(traffic.answered() / 2);
      assertThat(harness.deployments(BAD))
          .singleElement()
          .satisfies(d -> assertThat(d.status()).isEqualTo(DeploymentStatus.STOPPED));
      harness.awaitEvents(
          BAD,
          events ->
              assertThat(events)
                  .anySatisfy(
                      e -> {
                        assertThat(e.getReason()).isEqualTo(AnalysisGate.FAILED);
                        assertThat(e.getMessage()).contains("error-ratio failed");
                      }));
    }
  }

  @Test
  void goodGreenPassesAndTheReleaseSucceeds() {
    harness.createGroup("okcanary", 0);
    try (var traffic = production(harness, "okcanary")) {
      harness.apply(release("okcanary").canary(10, 5).analysis(errorRatio(2, 1)).build());

      var status = harness.awaitPhase("okcanary", Phase.Succeeded);

      var check = only(status);
      assertThat(check.verdict()).isEqualTo(Verdict.Passed);
      assertThat(check.passes()).isEqualTo(2);
      assertThat(check.failures()).isZero();
      assertThat(check.lastValue()).isEqualTo("0");
      assertThat(harness.runningTaskDefinition("okcanary")).endsWith("okcanary:2");
      assertThat(harness.deployments("okcanary"))
          .singleElement()
          .satisfies(d -> assertThat(d.status()).isEqualTo(DeploymentStatus.SUCCEEDED));
    }
  }

  @Test
  void noDatapointsAreInconclusiveAndNeverPass() {
    harness.createGroup("quiet", 0);
    // No traffic at all: green's target group publishes nothing.
    harness.apply(release("quiet").canary(10, 5).analysis(errorRatio(1, 1)).build());

    var status = harness.awaitPhase("quiet", Phase.Succeeded);

    var check = only(status);
    assertThat(check.verdict()).isEqualTo(Verdict.Inconclusive);
    assertThat(check.runs()).isPositive().isEqualTo(check.inconclusive());
    assertThat(check.lastValue()).isEqualTo("no data");
    assertThat(check.lastMessage())
        .startsWith("Traffic shifting ended after")
        .contains("0 passed: decided from them")
        .contains("had no datapoints in the last");
    assertThat(harness.events("quiet"))
        .noneSatisfy(e -> assertThat(e.getReason()).isEqualTo(AnalysisGate.PASSED));
  }

  @Test
  void greenWhoseLatencyRisesIsRolledBackOnOneMetric() {
    harness.createGroup("slow", 0);
    try (var traffic = production(harness, "slow")) {
      harness.apply(
          release("slow")
              .env("SIM_LATENCY_MS", "300")
              .canary(10, 30)
              .analysis(p99Latency())
              .build());

      var status = harness.awaitPhase("slow", Phase.RolledBack);

      assertThat(status.message())
          .startsWith("Rolled back: analysis check latency failed")
          .contains("p99 of TargetResponseTime = 0.3, fails: above 0.2");
      assertThat(traffic.errors()).isZero();
    }
  }

  /** The 5xx ratio of green's target group, failing above 5 %. */
  public static AnalysisCheck errorRatio(int count, int failureLimit) {
    var green = List.of(new MetricDimension("TargetGroup", null, DimensionSource.GreenTargetGroup));
    return new AnalysisCheck(
        "error-ratio",
        AnalysisPhase.ShiftingTraffic,
        60,
        count,
        failureLimit,
        0,
        null,
        null,
        new CloudWatchCheck(
            List.of(
                new MetricStat(
                    "errors", "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", green, "Sum", 60),
                new MetricStat("requests", "AWS/ApplicationELB", "RequestCount", green, "Sum", 60)),
            "FILL(errors, 0) / requests",
            120,
            new Threshold(0.05, null)),
        null);
  }

  private static AnalysisCheck p99Latency() {
    var green = List.of(new MetricDimension("TargetGroup", null, DimensionSource.GreenTargetGroup));
    return new AnalysisCheck(
        "latency",
        AnalysisPhase.ShiftingTraffic,
        60,
        3,
        1,
        60,
        null,
        null,
        new CloudWatchCheck(
            List.of(
                new MetricStat(null, "AWS/ApplicationELB", "TargetResponseTime", green, "p99", 60)),
            null,
            60,
            new Threshold(0.2, null)),
        null);
  }

  static ProductionTraffic production(OperatorHarness harness, String lane) {
    return new ProductionTraffic(
        harness.sim.listenerUri(lane + "-lb", World.ListenerKind.PRODUCTION));
  }

  private static AnalysisCheckStatus only(EcsBlueGreenReleaseStatus status) {
    assertThat(status.analysis()).hasSize(1);
    return status.analysis().get(0);
  }
}
