package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** ECS canaryConfiguration: a share of production traffic first, the rest after a bake. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EcsCanary(
    @JsonPropertyDescription("Percent of production traffic the canary takes, 0.1 to 100.0.")
        @Min(0.1)
        @Max(100.0)
        @Default("5.0")
        Double percent,
    @JsonPropertyDescription("Minutes ECS waits before moving the rest, 0 to 1440.")
        @Min(0)
        @Max(1440)
        @Default("10")
        Integer bakeMinutes) {

  public static final double DEFAULT_PERCENT = 5.0;
  public static final int DEFAULT_BAKE_MINUTES = 10;

  public EcsCanary {
    percent = percent == null ? DEFAULT_PERCENT : percent;
    bakeMinutes = bakeMinutes == null ? DEFAULT_BAKE_MINUTES : bakeMinutes;
  }
}
