package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.aws.CodeDeployGateway.WaitType;
import dev.ecsbluegreen.operator.aws.DeploymentGroupState;
import dev.ecsbluegreen.operator.taskdef.TaskDefinitionPlan;
import java.util.List;

/** The one thing a pass does; switched over exhaustively by the executor. */
public sealed interface Decision {

  /** Nothing to change in AWS: report (and possibly record facts such as an outcome). */
  record Observe() implements Decision {}

  /** Record the intent (new token) in status before any AWS mutation of the attempt. */
  record RecordIntent() implements Decision {}

  /** Create (create=true) or update the managed deployment group; one mutation. */
  record EnsureGroup(DeploymentGroupState desired, boolean create, List<String> drift)
      implements Decision {}

  /** Register the task definition revision the release needs; one mutation. */
  record RegisterTaskDefinition(TaskDefinitionPlan.Register plan) implements Decision {}

  /** Create the CodeDeploy deployment and record its id at once. */
  record CreateDeployment(String taskDefinitionArn) implements Decision {}

  /** Stop a deployment, rolling back to blue. */
  record StopDeployment(String deploymentId) implements Decision {}

  /** End a wait of a deployment (promote, or skip the bake). */
  record ContinueDeployment(String deploymentId, WaitType waitType) implements Decision {}
}
