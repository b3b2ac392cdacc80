package dev.ecsbluegreen.operator.reconciler.codedeploy;

import dev.ecsbluegreen.operator.aws.DeploymentGroupState;
import dev.ecsbluegreen.operator.aws.DeploymentSnapshot;
import dev.ecsbluegreen.operator.aws.ServiceState;
import dev.ecsbluegreen.operator.errors.ReleaseException;
import dev.ecsbluegreen.operator.reconciler.Observation;
import dev.ecsbluegreen.operator.taskdef.TaskDefinitionPlan;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a PREPARING pass read from ECS and CodeDeploy, for {@link PreparingRules}. The later reads
 * stay null when an earlier one already decides (no group: nothing else is read).
 *
 * @param activeDeployments the group's deployments that have not ended
 * @param ended this attempt's deployment, found among the group's ended deployments because no pass
 *     learned its id before it ended; null when not looked for or not found
 * @param problem a read AWS refused for a reason no retry fixes (InvalidRelease or AwsAccess)
 */
public record PreparingReads(
    ServiceState service,
    Optional<DeploymentGroupState> group,
    List<DeploymentSnapshot> activeDeployments,
    TaskDefinitionPlan taskDefinition,
    DeploymentSnapshot ended,
    ReleaseException problem)
    implements Observation.Preparing {

  /** The observation of a PREPARING pass whose reads AWS answered. */
  public static Observation observed(
      ServiceState service,
      Optional<DeploymentGroupState> group,
      List<DeploymentSnapshot> activeDeployments,
      TaskDefinitionPlan taskDefinition,
      DeploymentSnapshot ended) {
    return Observation.preparing(
        new PreparingReads(service, group, activeDeployments, taskDefinition, ended, null));
  }

  /** The observation of a PREPARING pass whose reads AWS refused for good. */
  public static Observation refused(ReleaseException problem) {
    return Observation.preparing(
        new PreparingReads(null, Optional.empty(), null, null, null, problem));
  }

  @Override
  public List<DeploymentSnapshot> deployments() {
    return Stream.concat(
            Stream.ofNullable(ended),
            activeDeployments == null ? Stream.empty() : activeDeployments.stream())
        .toList();
  }
}
