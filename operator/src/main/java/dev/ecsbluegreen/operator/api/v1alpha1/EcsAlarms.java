package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** ECS's deployment alarms: CloudWatch alarms whose ALARM state fails the deployment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EcsAlarms(
    @Required
        @JsonPropertyDescription("CloudWatch alarm names ECS watches (1 to 10).")
        @Size(min = 1, max = Limits.ALARMS)
        List<@Pattern(Patterns.ALARM_NAME) @Size(max = Limits.ALARM_NAME_LENGTH) String> names,
    @JsonPropertyDescription(
            "Roll back to the running revision when an alarm fires (otherwise the deployment only"
                + " fails).")
        @Default("true")
        Boolean rollback) {

  public EcsAlarms {
    names = names == null ? List.of() : List.copyOf(names);
    rollback = rollback == null || rollback;
  }
}
