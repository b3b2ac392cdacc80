package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** The values a measurement passes with: from min to max, both included. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.min) || has(self.max)",
    message = "thresholdRange needs min, max or both")
@ValidationRule(
    value = "!has(self.min) || !has(self.max) || self.min <= self.max",
    message = "thresholdRange.min must not be above thresholdRange.max")
public record ThresholdRange(
    @JsonPropertyDescription("Lowest passing value, included. None: no lower bound.") Double min,
    @JsonPropertyDescription("Highest passing value, included. None: no upper bound.") Double max) {

  /** Whether the value lies in the range. NaN lies in none. */
  public boolean contains(double value) {
    return (min == null || value >= min) && (max == null || value <= max);
  }

  /** The range as a user would write it, e.g. {@code <= 0.05} or {@code 0.9..1}. */
  public String describe() {
    if (min != null && max != null) {
      return number(min) + ".." + number(max);
    }
    return min != null ? ">= " + number(min) : "<= " + number(max);
  }

  /** A number without a needless {@code .0}. */
  public static String number(double value) {
    return value == Math.rint(value) && !Double.isInfinite(value)
        ? Long.toString((long) value)
        : Double.toString(value);
  }
}
