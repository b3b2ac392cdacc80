package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One entry of the green task set's capacity provider strategy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CapacityProviderStrategyItem(
    @Required
        @JsonPropertyDescription("Capacity provider name, e.g. FARGATE or FARGATE_SPOT.")
        @Size(min = 1, max = 255)
        String capacityProvider,
    @JsonPropertyDescription("Tasks placed on this provider first (0 to 100000).")
        @Min(0)
        @Max(100000)
        Integer base,
    @JsonPropertyDescription("Relative share of tasks (0 to 1000).") @Min(0) @Max(1000)
        Integer weight) {}
