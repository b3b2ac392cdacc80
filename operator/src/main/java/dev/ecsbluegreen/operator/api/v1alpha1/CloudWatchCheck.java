package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * A run of a cloudWatch check: one GetMetricData query over the last {@code windowSeconds}, either
 * one metric or metric math over several, whose newest datapoint is compared with {@code failWhen}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.expression) || size(self.metrics) == 1",
    fieldPath = ".metrics",
    message =
        "without an expression a cloudWatch check measures exactly one metric; give an expression"
            + " to combine several")
@ValidationRule(
    value = "!has(self.expression) || self.metrics.all(m, has(m.id))",
    fieldPath = ".metrics",
    message = "with an expression every metric needs the id the expression refers to it by")
@ValidationRule(
    value =
        "self.metrics.all(m, !has(m.id) || self.metrics.exists_one(o, has(o.id) && o.id == m.id))",
    fieldPath = ".metrics",
    message = "metric ids must be unique in a check")
public record CloudWatchCheck(
    @Required
        @JsonPropertyDescription(
            "The metrics the check reads, 1 to 10: one metric, measured as it is, or the metrics"
                + " the expression combines.")
        @Size(min = 1, max = MAX_METRICS)
        List<MetricStat> metrics,
    @JsonPropertyDescription(
            "Optional: a CloudWatch metric math expression over the metrics' ids, e.g."
                + " FILL(errors, 0) / requests; its newest datapoint is the measurement. At most"
                + " 1024 characters.")
        @Size(min = 1, max = EXPRESSION_LENGTH)
        String expression,
    @JsonPropertyDescription(
            "Seconds of metrics each run reads, ending at the run, 60 to 86400. Default 300."
                + " Never before the check started: datapoints of an earlier deployment on the"
                + " same target group are not green's.")
        @Default("300")
        @Min(60)
        @Max(86400)
        Integer windowSeconds,
    @Required
        @JsonPropertyDescription(
            "When a run fails: its measurement above or below a threshold (exactly one). A run"
                + " whose window has no datapoint is inconclusive, never a pass.")
        Threshold failWhen) {

  public static final int DEFAULT_WINDOW_SECONDS = 300;
  static final int MAX_METRICS = 10;
  static final int EXPRESSION_LENGTH = 1024;

  public CloudWatchCheck {
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    windowSeconds = windowSeconds == null ? DEFAULT_WINDOW_SECONDS : windowSeconds;
  }

  /** The threshold a run's measurement is compared with. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ValidationRule(
      value = "has(self.above) != has(self.below)",
      message = "failWhen needs exactly one of above and below")
  public record Threshold(
      @JsonPropertyDescription("The run fails when the measurement is greater than this.")
          Double above,
      @JsonPropertyDescription("The run fails when the measurement is less than this.")
          Double below) {

    /** Whether a measured value fails the run. */
    public boolean fails(double value) {
      return above != null ? value > above : value < below;
    }

    /** The threshold in a few words, e.g. {@code above 0.05}. */
    public String describe() {
      return above != null ? "above " + number(above) : "below " + number(below);
    }

    /** A number as a person writes it: no trailing {@code .0}. */
    public static String number(double value) {
      if (value == Math.rint(value) && Math.abs(value) < 1e15) {
        return Long.toString((long) value);
      }
      return Double.toString(value);
    }
  }
}
