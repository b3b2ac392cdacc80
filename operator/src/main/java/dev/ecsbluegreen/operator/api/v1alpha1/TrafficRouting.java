package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** How production traffic moves from blue to green. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.type == 'AllAtOnce' || (has(self.percentage) && has(self.intervalMinutes))",
    message = "TimeBasedCanary and TimeBasedLinear need percentage and intervalMinutes")
@ValidationRule(
    value = "self.type != 'AllAtOnce' || (!has(self.percentage) && !has(self.intervalMinutes))",
    message = "AllAtOnce takes neither percentage nor intervalMinutes")
public record TrafficRouting(
    @Required
        @JsonPropertyDescription(
            "AllAtOnce, TimeBasedCanary (percentage first, the rest after intervalMinutes) or"
                + " TimeBasedLinear (percentage more every intervalMinutes).")
        TrafficRoutingType type,
    @JsonPropertyDescription("Percent of production traffic moved per step, 1 to 99.")
        @Min(1)
        @Max(99)
        Integer percentage,
    @JsonPropertyDescription("Minutes between steps, at least 1.") @Min(1)
        Integer intervalMinutes) {

  /** The routing types CodeDeploy offers for ECS. */
  public enum TrafficRoutingType {
    AllAtOnce,
    TimeBasedCanary,
    TimeBasedLinear
  }
}
