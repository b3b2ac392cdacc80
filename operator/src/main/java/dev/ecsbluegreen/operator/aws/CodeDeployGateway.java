package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.api.v1alpha1.TrafficRouting;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The CodeDeploy deployment calls a release needs, in our vocabulary. */
public interface CodeDeployGateway {
  /** Creates a deployment (one mutation). Group already deploying: DeploymentGroupBusyException. */
  String createDeployment(DeploymentRequest request);

  /**
   * Reads deployments with their ECS target (lifecycle events, task sets). Batched by 25; ids AWS
   * does not know are left out of the result.
   */
  List<DeploymentSnapshot> describeDeployments(Collection<String> deploymentIds);

  /**
   * Reads deployments without their ECS target: one BatchGetDeployments per 25 ids, nothing else.
   * Ids AWS does not know are left out of the result.
   */
  List<DeploymentSnapshot> readDeployments(Collection<String> deploymentIds);

  /**
   * A started deployment's ECS target (lifecycle events, task sets): one BatchGetDeploymentTargets,
   * after a ListDeploymentTargets when the target ids are not known yet (they never change).
   *
   * @param targetIds the deployment's target ids from an earlier read, or the expected one ({@code
   *     <cluster name>:<service name>} for ECS), or empty; expected ids CodeDeploy does not know
   *     are listed instead
   * @return the target ids and the target; a null target before CodeDeploy started the deployment
   */
  TargetRead readTarget(String deploymentId, List<String> targetIds);

  /** A deployment's target ids and its ECS target (null before it started). */
  record TargetRead(List<String> targetIds, DeploymentSnapshot.EcsTarget target) {}

  /** The group's deployments that have not ended (at most one for ECS), with their descriptions. */
  List<DeploymentSnapshot> activeDeployments(String application, String deploymentGroup);

  /**
   * The group's deployments that ended (succeeded, failed or stopped) and were created at or after
   * the instant, with their descriptions but without their ECS target: enough to recognise one.
   */
  List<DeploymentSnapshot> endedDeployments(
      String application, String deploymentGroup, Instant createdAfter);

  /** Stops a deployment; false when it had already ended. */
  boolean stopDeployment(String deploymentId, boolean rollback);

  /**
   * Ends a wait (READY_WAIT: promote; TERMINATION_WAIT: skip bake); false when it was not waiting.
   */
  boolean continueDeployment(String deploymentId, WaitType waitType);

  /** Ensures a custom ECS deployment config matching the routing exists and returns its name. */
  String ensureDeploymentConfig(TrafficRouting routing);

  /** CodeDeploy's deployment wait types. */
  enum WaitType {
    READY_WAIT,
    TERMINATION_WAIT
  }
}
