package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * Everything specific to Amazon ECS's own blue/green, linear and canary deployments; the service's
 * deployment controller must be ECS. Defaults are the ones ECS documents.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.linear) || (has(self.strategy) && self.strategy == 'Linear')",
    fieldPath = ".linear",
    message = "linear applies only to strategy Linear")
@ValidationRule(
    value = "!has(self.canary) || (has(self.strategy) && self.strategy == 'Canary')",
    fieldPath = ".canary",
    message = "canary applies only to strategy Canary")
public record EcsSpec(
    @JsonPropertyDescription(
            "How production traffic moves to the new revision: BlueGreen (all at once), Linear (in"
                + " equal steps, see linear) or Canary (a share first, the rest later, see"
                + " canary).")
        @Default("BlueGreen")
        EcsStrategy strategy,
    @JsonPropertyDescription("The steps of strategy Linear; ECS's defaults when absent.")
        EcsLinear linear,
    @JsonPropertyDescription("The canary of strategy Canary; ECS's defaults when absent.")
        EcsCanary canary,
    @JsonPropertyDescription(
            "Minutes both revisions are kept after production traffic moved, ready for rollback"
                + " (0 to 1440). Absent: not sent, so ECS's own default applies.")
        @Min(0)
        @Max(1440)
        Integer bakeTimeMinutes,
    @JsonPropertyDescription(
            "The load balancer resources ECS shifts traffic with (the service's"
                + " loadBalancers[].advancedConfiguration). Absent: as the service has them.")
        EcsTrafficResources loadBalancer,
    @JsonPropertyDescription(
            "Lambda functions ECS invokes at lifecycle stages of the deployment (at most 10).")
        @Size(max = Limits.ECS_LIFECYCLE_HOOKS)
        List<EcsLifecycleHook> hooks,
    @JsonPropertyDescription("CloudWatch alarms ECS watches during the deployment.")
        EcsAlarms alarms,
    @JsonPropertyDescription(
            "Minutes the service deployment may wait with test traffic on the new revision, before"
                + " production traffic moves, for a manual promote or TestTraffic analysis checks"
                + " (1 to 20160). When they run out, ECS rolls the deployment back: an"
                + " unreachable check or a forgotten promote never lets it continue. Absent: 20160"
                + " (14 days, the longest ECS allows). Used only when the deployment holds.")
        @Min(1)
        @Max(MAX_HOLD_MINUTES)
        Integer holdMinutes) {

  /** ECS's longest lifecycle hook timeout, and the hold's when {@code holdMinutes} is absent. */
  public static final int MAX_HOLD_MINUTES = 20160;

  public EcsSpec {
    strategy = strategy == null ? EcsStrategy.BlueGreen : strategy;
    hooks = hooks == null ? List.of() : List.copyOf(hooks);
  }

  /** A deployment that holds, if it does, for ECS's longest hook timeout. */
  public EcsSpec(
      EcsStrategy strategy,
      EcsLinear linear,
      EcsCanary canary,
      Integer bakeTimeMinutes,
      EcsTrafficResources loadBalancer,
      List<EcsLifecycleHook> hooks,
      EcsAlarms alarms) {
    this(strategy, linear, canary, bakeTimeMinutes, loadBalancer, hooks, alarms, null);
  }

  /** How long the deployment may wait before production traffic moves, in minutes. */
  public int holdMinutesOrDefault() {
    return holdMinutes == null ? MAX_HOLD_MINUTES : holdMinutes;
  }

  /** ECS's deployment strategies that move traffic between two revisions. */
  public enum EcsStrategy {
    BlueGreen,
    Linear,
    Canary
  }
}
