package dev.ecsbluegreen.operator.events;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import java.util.ArrayList;
import java.util.List;

/**
 * The informer index from a deployment id to the release that follows it: the deployment the
 * release created and the rollback CodeDeploy made of it, as the status records them.
 */
public final class DeploymentIndex {

  public static final String NAME = "deploymentId";

  private DeploymentIndex() {}

  public static List<String> idsOf(EcsBlueGreenRelease release) {
    var status = release.getStatus();
    if (status == null) {
      return List.of();
    }
    List<String> ids = new ArrayList<>(2);
    if (status.deploymentId() != null) {
      ids.add(status.deploymentId());
    }
    if (status.rollbackDeploymentId() != null) {
      ids.add(status.rollbackDeploymentId());
    }
    return ids;
  }
}
