package dev.ecsbluegreen.operator.reconciler.codedeploy;

import dev.ecsbluegreen.operator.aws.CodeDeployGateway;
import dev.ecsbluegreen.operator.aws.DeploymentDescription;
import dev.ecsbluegreen.operator.aws.DeploymentSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

  /**
   * The deployment of this attempt among the group's deployments that ended since {@code since}:
   * CreateDeployment's answer was lost and the deployment ended before a pass looked for it among
   * the active ones. Rollback deployments CodeDeploy started are not ours.
   */
  public Optional<DeploymentSnapshot> findEnded(
      CodeDeployGateway codeDeploy,
      String application,
      String deploymentGroup,
      Instant since,
      String uid,
      String token) {
    return codeDeploy.endedDeployments(application, deploymentGroup, since).stream()
        .filter(d -> !d.isRollback())
        .filter(
            d ->
                DeploymentDescription.parse(d.description())
                    .filter(owner -> owner.uid().equals(uid) && owner.token().equals(token))
                    .isPresent())
        .findFirst();
  }

  private static DeploymentSnapshot find(List<DeploymentSnapshot> snapshots, String id) {
    return snapshots.stream().filter(s -> id.equals(s.deploymentId())).findFirst().orElse(null);
  }
}
