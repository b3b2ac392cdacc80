package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.api.v1alpha1.CloudWatchCheck;
import dev.ecsbluegreen.operator.aws.MetricSeries;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Judges what a cloudWatch query measured: its newest datapoint against the threshold. A window
 * without datapoints measured nothing, which is inconclusive and never a pass: a green that serves
 * no traffic, or metrics not published yet, prove nothing.
 */
final class ThresholdJudgement {
  private ThresholdJudgement() {}

  static Measurement judge(CloudWatchCheck check, MetricSeries series, long windowSeconds) {
    String measured = CloudWatchQueries.measured(check);
    var threshold = check.failWhen();
    var last = series.lastValue();
    if (last.isEmpty()) {
      return new Measurement(
          Measurement.Result.INCONCLUSIVE,
          "no data",
          "%s had no datapoints in the last %d s".formatted(measured, windowSeconds));
    }
    double value = last.get();
    String shown = shown(value);
    if (Double.isNaN(value)) {
      return new Measurement(
          Measurement.Result.INCONCLUSIVE, shown, "%s is not a number".formatted(measured));
    }
    boolean fails = threshold.fails(value);
    String message =
        "%s = %s, %s %s"
            .formatted(measured, shown, fails ? "fails:" : "passes: fails", threshold.describe());
    return new Measurement(
        fails ? Measurement.Result.FAIL : Measurement.Result.PASS, shown, message);
  }

  /** A measured value in four significant digits, as a person reads it. */
  static String shown(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
