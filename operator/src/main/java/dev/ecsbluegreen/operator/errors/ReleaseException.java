package dev.ecsbluegreen.operator.errors;

/**
 * Every failure the reconciler handles, already classified. Only the AWS gateway knows AWS
 * exception classes; it turns them into one of these, keeping the AWS error code for the message.
 */
public abstract sealed class ReleaseException extends RuntimeException
    permits InvalidReleaseException,
        TransientAwsException,
        AwsAccessException,
        DeploymentGroupBusyException {

  private final String awsErrorCode;

  protected ReleaseException(String message, String awsErrorCode, Throwable cause) {
    super(message, cause);
    this.awsErrorCode = awsErrorCode;
  }

  /** The AWS error code (e.g. DeploymentGroupDoesNotExistException), or null for our own checks. */
  public String awsErrorCode() {
    return awsErrorCode;
  }
}
