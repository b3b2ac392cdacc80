package dev.ecsbluegreen.operator.errors;

/**
 * CreateDeployment refused because the group already has its one active deployment
 * (DeploymentLimitExceededException). Not a failure of the release: look up who holds the group.
 */
public final class DeploymentGroupBusyException extends ReleaseException {
  public DeploymentGroupBusyException(String message, Throwable cause) {
    super(message, "DeploymentLimitExceededException", cause);
  }

  @Override
  public Kind kind() {
    return Kind.GROUP_BUSY;
  }
}
