package dev.ecsbluegreen.operator.api.v1alpha1;

/** What deleting a release does to a deployment that is still running. */
public enum DeletionPolicy {
  /** Stop the deployment with rollback, so blue keeps serving, then let the resource go. */
  StopDeployment,
  /** Leave the deployment to finish on its own. */
  Orphan
}
