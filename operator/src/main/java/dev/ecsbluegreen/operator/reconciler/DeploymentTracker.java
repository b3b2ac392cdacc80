package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.aws.CodeDeployGateway;
import dev.ecsbluegreen.operator.aws.DeploymentSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The one component that reads deployment state. Every pass that follows a deployment goes through
 * {@link #track}, which asks for the deployment and its known rollback deployment in one batched
 * call, so releases can later share BatchGetDeployments calls or switch to pushed events here.
 */
public final class DeploymentTracker {

  /** A deployment and the deployment CodeDeploy started to roll it back (either may be null). */
  public record Tracked(DeploymentSnapshot deployment, DeploymentSnapshot rollback) {}

  public Tracked track(CodeDeployGateway codeDeploy, String deploymentId, String knownRollbackId) {
    List<String> ids = new ArrayList<>();
    ids.add(deploymentId);
    if (knownRollbackId != null) {
      ids.add(knownRollbackId);
    }
    var snapshots = codeDeploy.describeDeployments(ids);
    var deployment = find(snapshots, deploymentId);
    if (deployment == null || deployment.rollbackDeploymentId() == null) {
      return new Tracked(deployment, null);
    }
    var rollback = find(snapshots, deployment.rollbackDeploymentId());
    if (rollback == null) {
      rollback =
          find(
              codeDeploy.describeDeployments(List.of(deployment.rollbackDeploymentId())),
              deployment.rollbackDeploymentId());
    }
    return new Tracked(deployment, rollback);
  }

  private static DeploymentSnapshot find(List<DeploymentSnapshot> snapshots, String id) {
    return snapshots.stream().filter(s -> id.equals(s.deploymentId())).findFirst().orElse(null);
  }
}
