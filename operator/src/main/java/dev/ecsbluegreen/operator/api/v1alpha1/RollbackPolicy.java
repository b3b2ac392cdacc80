package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** The deployment's own auto-rollback settings, overriding the group's for this release. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.alarms) || size(self.alarms) == 0 || (has(self.onAlarm) && self.onAlarm)",
    message = "alarms are watched only with onAlarm: true")
public record RollbackPolicy(
    @JsonPropertyDescription("Roll back when a lifecycle event or hook fails.") @Default("true")
        Boolean onDeploymentFailure,
    @JsonPropertyDescription("Stop and roll back when one of the alarms goes into ALARM.")
        @Default("false")
        Boolean onAlarm,
    @JsonPropertyDescription("CloudWatch alarm names watched during the deployment (at most 10).")
        @Size(max = Limits.ALARMS)
        List<@Size(max = Limits.ALARM_NAME_LENGTH) String> alarms) {

  public RollbackPolicy {
    onDeploymentFailure = onDeploymentFailure == null || onDeploymentFailure;
    onAlarm = onAlarm != null && onAlarm;
    alarms = alarms == null ? List.of() : List.copyOf(alarms);
  }
}
