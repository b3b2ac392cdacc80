package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** One CloudWatch metric and the statistic a cloudWatch check reads of it per period. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.periodSeconds) || self.periodSeconds in [1, 5, 10, 20, 30]"
            + " || self.periodSeconds % 60 == 0",
    fieldPath = ".periodSeconds",
    message = "periodSeconds must be 1, 5, 10, 20, 30 or a multiple of 60, as CloudWatch takes it")
public record MetricStat(
    @JsonPropertyDescription(
            "How the expression refers to this metric: a lowercase letter, then letters, digits"
                + " or _, at most 64. Required with an expression.")
        @Pattern(ID)
        @Size(max = 64)
        String id,
    @Required
        @JsonPropertyDescription("The metric's namespace, e.g. AWS/ApplicationELB.")
        @Size(min = 1, max = 255)
        String namespace,
    @Required
        @JsonPropertyDescription("The metric's name, e.g. HTTPCode_Target_5XX_Count.")
        @Size(min = 1, max = 255)
        String metricName,
    @JsonPropertyDescription(
            "The metric's dimensions, at most 30, matched exactly as CloudWatch does.")
        @Size(max = 30)
        List<MetricDimension> dimensions,
    @Required
        @JsonPropertyDescription(
            "The statistic per period: SampleCount, Average, Sum, Minimum, Maximum, or a"
                + " percentile such as p99 or p99.9.")
        @Pattern(STATISTIC)
        @Size(max = 16)
        String stat,
    @JsonPropertyDescription(
            "Seconds per datapoint: 1, 5, 10, 20, 30 or a multiple of 60, at most 86400."
                + " Default 60.")
        @Default("60")
        @Min(1)
        @Max(86400)
        Integer periodSeconds) {

  /** CloudWatch's MetricDataQuery id. */
  public static final String ID = "^[a-z][a-zA-Z0-9_]*$";

  static final String STATISTIC =
      "^(SampleCount|Average|Sum|Minimum|Maximum|p[0-9]{1,2}(\\.[0-9]{1,2})?|p100)$";

  public static final int DEFAULT_PERIOD_SECONDS = 60;

  public MetricStat {
    dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
    periodSeconds = periodSeconds == null ? DEFAULT_PERIOD_SECONDS : periodSeconds;
  }
}
