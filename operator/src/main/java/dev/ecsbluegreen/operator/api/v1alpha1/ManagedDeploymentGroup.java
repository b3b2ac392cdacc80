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

/** The CodeDeploy application and deployment group the operator creates and keeps in shape. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    // The size guard keeps a one-item list to its minItems error instead of an index error.
    value = "size(self.targetGroups) != 2 || self.targetGroups[0] != self.targetGroups[1]",
    message = "targetGroups must name two different target groups")
public record ManagedDeploymentGroup(
    @Required
        @JsonPropertyDescription(
            "IAM role CodeDeploy uses on ECS and the load balancer (AWSCodeDeployRoleForECS).")
        @Pattern(Patterns.IAM_ROLE_ARN)
        String serviceRoleArn,
    @Required
        @JsonPropertyDescription(
            "The two target group names blue and green alternate between (names, not ARNs).")
        @Size(min = 2, max = 2)
        List<
                @Pattern(Patterns.TARGET_GROUP_NAME) @Size(max = Limits.TARGET_GROUP_NAME_LENGTH)
                String>
            targetGroups,
    @Required @JsonPropertyDescription("ARN of the production listener.") @Size(min = 1, max = 1)
        List<@Pattern(Patterns.LISTENER_ARN) String> productionListenerArns,
    @JsonPropertyDescription("ARN of the test listener, for test traffic before the shift.")
        @Size(max = 1)
        List<@Pattern(Patterns.LISTENER_ARN) String> testListenerArns,
    @JsonPropertyDescription(
            "Minutes blue is kept after a successful shift, ready for rollback (0 to 2880).")
        @Min(0)
        @Max(2880)
        @Default("60")
        Integer terminationWaitMinutes,
    @JsonPropertyDescription(
            "Whether traffic moves as soon as green is ready, or the deployment waits for a promote.")
        ReadyOption readyOption,
    @JsonPropertyDescription(
            "Events on which CodeDeploy rolls the group's deployments back by itself.")
        @Size(max = 3)
        List<AutoRollbackEvent> autoRollbackEvents,
    @JsonPropertyDescription("CloudWatch alarm names that stop a deployment (at most 10).")
        @Size(max = Limits.ALARMS)
        List<@Pattern(Patterns.ALARM_NAME) @Size(max = Limits.ALARM_NAME_LENGTH) String> alarms,
    @JsonPropertyDescription("SNS notifications on deployment events (at most 10).") @Size(max = 10)
        List<TriggerConfig> triggers) {

  public ManagedDeploymentGroup {
    targetGroups = targetGroups == null ? null : List.copyOf(targetGroups);
    testListenerArns = testListenerArns == null ? List.of() : List.copyOf(testListenerArns);
    terminationWaitMinutes = terminationWaitMinutes == null ? 60 : terminationWaitMinutes;
    readyOption = readyOption == null ? ReadyOption.continueImmediately() : readyOption;
    autoRollbackEvents = autoRollbackEvents == null ? List.of() : List.copyOf(autoRollbackEvents);
    alarms = alarms == null ? List.of() : List.copyOf(alarms);
    triggers = triggers == null ? List.of() : List.copyOf(triggers);
  }

  /** When green is ready: shift traffic at once, or wait for a promote up to waitMinutes. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ValidationRule(
      value = "self.actionOnTimeout != 'STOP_DEPLOYMENT' || has(self.waitMinutes)",
      message = "STOP_DEPLOYMENT needs waitMinutes: how long to wait for a promote")
  @ValidationRule(
      value = "self.actionOnTimeout != 'CONTINUE_DEPLOYMENT' || !has(self.waitMinutes)",
      message = "CONTINUE_DEPLOYMENT takes no waitMinutes: traffic moves as soon as green is ready")
  public record ReadyOption(
      @Required
          @JsonPropertyDescription(
              "CONTINUE_DEPLOYMENT shifts traffic as soon as green is ready; STOP_DEPLOYMENT waits"
                  + " for a promote and stops the deployment after waitMinutes.")
          ActionOnTimeout actionOnTimeout,
      @JsonPropertyDescription("Minutes to wait for a promote, at least 1.") @Min(1)
          Integer waitMinutes) {

    static ReadyOption continueImmediately() {
      return new ReadyOption(ActionOnTimeout.CONTINUE_DEPLOYMENT, null);
    }
  }

  /** CodeDeploy's deploymentReadyOption.actionOnTimeout values. */
  public enum ActionOnTimeout {
    CONTINUE_DEPLOYMENT,
    STOP_DEPLOYMENT
  }

  /** CodeDeploy's auto-rollback events. */
  public enum AutoRollbackEvent {
    DEPLOYMENT_FAILURE,
    DEPLOYMENT_STOP_ON_ALARM,
    DEPLOYMENT_STOP_ON_REQUEST
  }

  /** An SNS notification for some deployment events. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TriggerConfig(
      @Required
          @JsonPropertyDescription("Trigger name, unique in the group.")
          @Size(min = 1, max = 100)
          String name,
      @Required @JsonPropertyDescription("SNS topic ARN notified.") @Pattern(Patterns.SNS_TOPIC_ARN)
          String targetArn,
      @Required @JsonPropertyDescription("Deployment events that notify the topic.") @Size(min = 1)
          List<TriggerEvent> events) {}

  /** The deployment-level CodeDeploy trigger events. */
  public enum TriggerEvent {
    DeploymentStart,
    DeploymentSuccess,
    DeploymentFailure,
    DeploymentStop,
    DeploymentRollback,
    DeploymentReady
  }
}
