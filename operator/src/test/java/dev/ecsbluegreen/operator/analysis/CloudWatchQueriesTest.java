package dev.ecsbluegreen.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsbluegreen.operator.api.v1alpha1.CloudWatchCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.CloudWatchCheck.Threshold;
import dev.ecsbluegreen.operator.api.v1alpha1.MetricDimension;
import dev.ecsbluegreen.operator.api.v1alpha1.MetricDimension.DimensionSource;
import dev.ecsbluegreen.operator.api.v1alpha1.MetricStat;
import dev.ecsbluegreen.operator.aws.MetricQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudWatchQueriesTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:30:00Z");
  private static final String GREEN = "targetgroup/web-green/0123456789abcdef";
  private static final MetricDimension GREEN_TG =
      new MetricDimension("TargetGroup", null, DimensionSource.GreenTargetGroup);

  @Test
  void oneMetricIsMeasuredAsItIsWithGreensTargetGroupFilledIn() {
    var check =
        new CloudWatchCheck(
            List.of(
                new MetricStat(
                    null,
                    "AWS/ApplicationELB",
                    "TargetResponseTime",
                    List.of(GREEN_TG, new MetricDimension("AvailabilityZone", "us-east-1a", null)),
                    "p99",
                    null)),
            null,
            null,
            new Threshold(0.2, null));

    var query = CloudWatchQueries.query(check, GREEN, NOW.minus(Duration.ofHours(1)), NOW);

    assertThat(query.terms()).hasSize(1);
    var term = query.terms().get(0);
    assertThat(query.measuredId()).isEqualTo("m1").isEqualTo(term.id());
    assertThat(term.stat().namespace()).isEqualTo("AWS/ApplicationELB");
    assertThat(term.stat().metricName()).isEqualTo("TargetResponseTime");
    assertThat(term.stat().statistic()).isEqualTo("p99");
    assertThat(term.stat().period()).isEqualTo(Duration.ofSeconds(60));
    assertThat(term.stat().dimensions())
        .isEqualTo(Map.of("TargetGroup", GREEN, "AvailabilityZone", "us-east-1a"));
    assertThat(query.start()).isEqualTo(NOW.minus(Duration.ofSeconds(300)));
    assertThat(query.end()).isEqualTo(NOW);
    assertThat(CloudWatchQueries.measured(check)).isEqualTo("p99 of TargetResponseTime");
  }

  @Test
  void metricMathMeasuresTheExpressionUnderAnIdNoMetricHas() {
    var check =
        new CloudWatchCheck(
            List.of(
                metric("measured", "HTTPCode_Target_5XX_Count"),
                metric("requests", "RequestCount")),
            "FILL(measured, 0) / requests",
            120,
            new Threshold(0.05, null));

    var query = CloudWatchQueries.query(check, GREEN, NOW.minus(Duration.ofHours(1)), NOW);

    assertThat(query.terms())
        .extracting(MetricQuery.Term::id)
        .containsExactly("measured", "requests", "measured1");
    assertThat(query.measuredId()).isEqualTo("measured1");
    assertThat(query.terms().get(2).expression()).isEqualTo("FILL(measured, 0) / requests");
    assertThat(query.start()).isEqualTo(NOW.minusSeconds(120));
    assertThat(CloudWatchQueries.measured(check)).isEqualTo("FILL(measured, 0) / requests");
  }

  @Test
  void theWindowNeverReachesBackBeforeTheCheckStarted() {
    var check = new CloudWatchCheck(List.of(metric("m", "RequestCount")), null, 600, below(1));
    var since = NOW.minusSeconds(90);

    assertThat(CloudWatchQueries.query(check, GREEN, since, NOW).start()).isEqualTo(since);
    // A run at the very instant the check started still asks CloudWatch for a valid window.
    assertThat(CloudWatchQueries.query(check, GREEN, NOW, NOW).start())
        .isEqualTo(NOW.minusSeconds(1));
  }

  @Test
  void knowsWhetherItNeedsGreensTargetGroupAndRefusesToGuessIt() {
    var written =
        new CloudWatchCheck(
            List.of(
                new MetricStat(
                    null,
                    "AWS/ApplicationELB",
                    "RequestCount",
                    List.of(new MetricDimension("TargetGroup", GREEN, null)),
                    "Sum",
                    60)),
            null,
            null,
            below(1));
    var fromGreen = new CloudWatchCheck(List.of(metric("m", "RequestCount")), null, null, below(1));

    assertThat(CloudWatchQueries.needsGreenTargetGroup(written)).isFalse();
    assertThat(CloudWatchQueries.needsGreenTargetGroup(fromGreen)).isTrue();
    assertThat(CloudWatchQueries.query(written, null, NOW.minusSeconds(600), NOW).terms().get(0))
        .satisfies(t -> assertThat(t.stat().dimensions()).containsEntry("TargetGroup", GREEN));
    assertThatThrownBy(() -> CloudWatchQueries.query(fromGreen, null, NOW.minusSeconds(600), NOW))
        .hasMessageContaining("TargetGroup needs green's target group");
  }

  private static MetricStat metric(String id, String name) {
    return new MetricStat(id, "AWS/ApplicationELB", name, List.of(GREEN_TG), "Sum", 60);
  }

  private static Threshold below(double value) {
    return new Threshold(null, value);
  }
}
