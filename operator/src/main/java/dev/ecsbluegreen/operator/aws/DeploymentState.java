package dev.ecsbluegreen.operator.aws;

/** CodeDeploy deployment statuses; UNKNOWN for values newer than the SDK (keep polling). */
public enum DeploymentState {
  CREATED,
  QUEUED,
  IN_PROGRESS,
  BAKING,
  READY,
  SUCCEEDED,
  FAILED,
  STOPPED,
  UNKNOWN;

  public boolean ended() {
    return this == SUCCEEDED || this == FAILED || this == STOPPED;
  }
}
