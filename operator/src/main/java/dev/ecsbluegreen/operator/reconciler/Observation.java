package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.aws.DeploymentGroupState;
import dev.ecsbluegreen.operator.aws.DeploymentSnapshot;
import dev.ecsbluegreen.operator.aws.ServiceState;
import dev.ecsbluegreen.operator.errors.ReleaseException;
import dev.ecsbluegreen.operator.taskdef.TaskDefinitionPlan;
import java.util.List;
import java.util.Optional;

/**
 * What one pass read from AWS, depending on the stage. Only the reads the stage needs are made; the
 * rest stay null.
 *
 * @param deployment the tracked deployment; null when not tracking or when AWS no longer knows it
 * @param rollback the deployment CodeDeploy started to roll the tracked one back, if any
 * @param ended this attempt's deployment, found among the group's ended deployments because no pass
 *     learned its id before it ended; null when not looked for or not found
 * @param problem a read AWS refused for a reason no retry fixes (InvalidRelease or AwsAccess)
 */
public record Observation(
    Stage stage,
    DeploymentSnapshot deployment,
    DeploymentSnapshot rollback,
    ServiceState service,
    Optional<DeploymentGroupState> group,
    List<DeploymentSnapshot> activeDeployments,
    TaskDefinitionPlan taskDefinition,
    DeploymentSnapshot ended,
    ReleaseException problem) {

  /** Where a release stands, derived from the facts in its status (never from the phase). */
  public enum Stage {
    /** No token for the desired attempt yet: record the intent first. */
    NEW,
    /** Intent recorded, no deployment yet: find or create one. */
    PREPARING,
    /** A deployment (of this or an older attempt) has not reached its outcome. */
    TRACKING,
    /** The desired attempt reached its outcome; nothing to poll. */
    SETTLED
  }

  public static Observation only(Stage stage) {
    return new Observation(stage, null, null, null, null, null, null, null, null);
  }

  public static Observation tracked(DeploymentSnapshot deployment, DeploymentSnapshot rollback) {
    return new Observation(
        Stage.TRACKING, deployment, rollback, null, null, null, null, null, null);
  }

  public static Observation preparing(
      ServiceState service,
      Optional<DeploymentGroupState> group,
      List<DeploymentSnapshot> activeDeployments,
      TaskDefinitionPlan taskDefinition,
      DeploymentSnapshot ended) {
    return new Observation(
        Stage.PREPARING,
        null,
        null,
        service,
        group,
        activeDeployments,
        taskDefinition,
        ended,
        null);
  }

  public static Observation refused(ReleaseException problem) {
    return new Observation(
        Stage.PREPARING, null, null, null, Optional.empty(), null, null, null, problem);
  }
}
