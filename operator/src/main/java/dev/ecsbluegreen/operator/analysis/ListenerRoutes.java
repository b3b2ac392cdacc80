package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.HttpCheck.CheckListener;

/**
 * Where a release routes its test or production traffic: the listener ARN, as the release's engine
 * knows it. Called on the analysis pool, so the AWS reads it may need never hold a reconcile
 * thread.
 */
@FunctionalInterface
public interface ListenerRoutes {

  /**
   * @param deploymentId the deployment whose green the check measures
   * @throws UnresolvedTargetException when the release routes no such listener
   */
  String listenerArn(EcsBlueGreenRelease release, String deploymentId, CheckListener listener);
}
