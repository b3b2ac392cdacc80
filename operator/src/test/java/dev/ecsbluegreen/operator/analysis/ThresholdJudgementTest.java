package dev.ecsbluegreen.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.CloudWatchCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.CloudWatchCheck.Threshold;
import dev.ecsbluegreen.operator.api.v1alpha1.MetricStat;
import dev.ecsbluegreen.operator.aws.MetricSeries;
import dev.ecsbluegreen.operator.aws.MetricSeries.Datapoint;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdJudgementTest {
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void theNewestDatapointAboveTheThresholdFailsTheRun() {
    var judged = ThresholdJudgement.judge(ratio(new Threshold(0.05, null)), series(0.5, 0.01), 120);

    // The older 0.5 does not count: the newest datapoint, 0.01, is what green does now.
    assertThat(judged.result()).isEqualTo(Measurement.Result.PASS);
    assertThat(judged.value()).isEqualTo("0.01");
    assertThat(judged.message()).isEqualTo("errors / requests = 0.01, passes: fails above 0.05");

    var failed =
        ThresholdJudgement.judge(ratio(new Threshold(0.05, null)), series(0.0, 0.0625), 120);
    assertThat(failed.result()).isEqualTo(Measurement.Result.FAIL);
    assertThat(failed.message()).isEqualTo("errors / requests = 0.0625, fails: above 0.05");
  }

  @Test
  void aValueEqualToTheThresholdPassesEitherWay() {
    assertThat(
            ThresholdJudgement.judge(ratio(new Threshold(0.05, null)), series(0.05), 60).result())
        .isEqualTo(Measurement.Result.PASS);
    assertThat(
            ThresholdJudgement.judge(ratio(new Threshold(null, 100.0)), series(100), 60).result())
        .isEqualTo(Measurement.Result.PASS);
    assertThat(ThresholdJudgement.judge(ratio(new Threshold(null, 100.0)), series(99.5), 60))
        .satisfies(
            m -> {
              assertThat(m.result()).isEqualTo(Measurement.Result.FAIL);
              assertThat(m.message()).endsWith("= 99.5, fails: below 100");
            });
  }

  @Test
  void noDatapointsIsInconclusiveNeverAPass() {
    var judged = ThresholdJudgement.judge(ratio(new Threshold(0.05, null)), series(), 180);

    assertThat(judged.result()).isEqualTo(Measurement.Result.INCONCLUSIVE);
    assertThat(judged.value()).isEqualTo("no data");
    assertThat(judged.message()).isEqualTo("errors / requests had no datapoints in the last 180 s");
  }

  @Test
  void showsFourSignificantDigits() {
    assertThat(ThresholdJudgement.shown(0.123456)).isEqualTo("0.1235");
    assertThat(ThresholdJudgement.shown(1.0)).isEqualTo("1");
    assertThat(ThresholdJudgement.shown(12345.0)).isEqualTo("12350");
    assertThat(ThresholdJudgement.shown(0.0)).isEqualTo("0");
  }

  private static CloudWatchCheck ratio(Threshold threshold) {
    return new CloudWatchCheck(
        List.of(
            new MetricStat(
                "errors", "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", null, "Sum", 60),
            new MetricStat("requests", "AWS/ApplicationELB", "RequestCount", null, "Sum", 60)),
        "errors / requests",
        null,
        threshold);
  }

  private static MetricSeries series(double... values) {
    var points = new java.util.ArrayList<Datapoint>();
    for (int i = 0; i < values.length; i++) {
      points.add(new Datapoint(T.plusSeconds(60L * i), values[i]));
    }
    return new MetricSeries("measured", points);
  }
}
