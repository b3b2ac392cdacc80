package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * A Lambda function ECS invokes at lifecycle stages; it answers SUCCEEDED, FAILED or IN_PROGRESS.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EcsLifecycleHook(
    @Required
        @JsonPropertyDescription(
            "ARN of the Lambda function,"
                + " arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>].")
        @Pattern(Patterns.LAMBDA_FUNCTION_ARN)
        @Size(max = Limits.LAMBDA_FUNCTION_LENGTH)
        String targetArn,
    @Required
        @JsonPropertyDescription("IAM role ECS assumes to invoke the function.")
        @Pattern(Patterns.IAM_ROLE_ARN)
        String roleArn,
    @Required
        @JsonPropertyDescription(
            "The stages it runs at: RECONCILE_SERVICE, PRE_SCALE_UP, POST_SCALE_UP,"
                + " TEST_TRAFFIC_SHIFT, POST_TEST_TRAFFIC_SHIFT, PRE_PRODUCTION_TRAFFIC_SHIFT,"
                + " PRODUCTION_TRAFFIC_SHIFT, POST_PRODUCTION_TRAFFIC_SHIFT.")
        @Size(min = 1, max = Limits.ECS_HOOK_STAGES)
        List<EcsHookStage> stages,
    @JsonPropertyDescription("Minutes ECS waits for the function to finish, 1 to 20160 (14 days).")
        @Min(1)
        @Max(20160)
        @Default("1440")
        Integer timeoutMinutes,
    @JsonPropertyDescription(
            "What ECS does when the function does not finish in time: Rollback or Continue.")
        @Default("Rollback")
        TimeoutAction timeoutAction,
    @JsonPropertyDescription("A document passed to the function as hookDetails, as written.")
        @PreserveUnknownFields
        JsonNode details) {

  public static final int DEFAULT_TIMEOUT_MINUTES = 1440;

  public EcsLifecycleHook {
    stages = stages == null ? List.of() : List.copyOf(stages);
    timeoutMinutes = timeoutMinutes == null ? DEFAULT_TIMEOUT_MINUTES : timeoutMinutes;
    timeoutAction = timeoutAction == null ? TimeoutAction.Rollback : timeoutAction;
  }

  /** The stages of an ECS service deployment a hook can run at, in ECS's names. */
  public enum EcsHookStage {
    RECONCILE_SERVICE,
    PRE_SCALE_UP,
    POST_SCALE_UP,
    TEST_TRAFFIC_SHIFT,
    POST_TEST_TRAFFIC_SHIFT,
    PRE_PRODUCTION_TRAFFIC_SHIFT,
    PRODUCTION_TRAFFIC_SHIFT,
    POST_PRODUCTION_TRAFFIC_SHIFT
  }

  /** What ECS does with a hook that timed out. */
  public enum TimeoutAction {
    Rollback,
    Continue
  }
}
