package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** ECS linearConfiguration: production traffic moves in equal steps with a bake after each. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EcsLinear(
    @JsonPropertyDescription("Percent of production traffic moved per step, 3.0 to 100.0.")
        @Min(3.0)
        @Max(100.0)
        @Default("10.0")
        Double stepPercent,
    @JsonPropertyDescription("Minutes ECS waits after each step, 0 to 1440.")
        @Min(0)
        @Max(1440)
        @Default("6")
        Integer stepBakeMinutes) {

  public static final double DEFAULT_STEP_PERCENT = 10.0;
  public static final int DEFAULT_STEP_BAKE_MINUTES = 6;

  public EcsLinear {
    stepPercent = stepPercent == null ? DEFAULT_STEP_PERCENT : stepPercent;
    stepBakeMinutes = stepBakeMinutes == null ? DEFAULT_STEP_BAKE_MINUTES : stepBakeMinutes;
  }
}
