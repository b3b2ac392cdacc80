package dev.ecsbluegreen.operator.errors;

/**
 * Every failure the reconciler handles, already classified. Only the AWS gateway knows AWS
 * exception classes; it turns them into one of these, keeping the AWS error code for the message.
 */
public abstract sealed class ReleaseException extends RuntimeException
    permits InvalidReleaseException,
        TransientAwsException,
        AwsOutageException,
        AwsAccessException,
        DeploymentGroupBusyException,
        AwsBudgetWaitException {

  private final String awsErrorCode;

  protected ReleaseException(String message, String awsErrorCode, Throwable cause) {
    super(message, cause);
    this.awsErrorCode = awsErrorCode;
  }

  /**
   * Which of the classified failures this is; reporting switches over it, so a new kind fails to
   * compile until it is reported.
   */
  public abstract Kind kind();

  /** The classes of failure, each handled differently (retried, stalled, waited out). */
  public enum Kind {
    /** The release or its AWS resources must change: {@link InvalidReleaseException}. */
    INVALID_RELEASE,
    /** Credentials or permissions: {@link AwsAccessException}. */
    ACCESS_DENIED,
    /** AWS throttled the calls: {@link TransientAwsException}. */
    THROTTLED,
    /** A 5xx or network error: {@link TransientAwsException}. */
    UNAVAILABLE,
    /** The deployment group runs another deployment: {@link DeploymentGroupBusyException}. */
    GROUP_BUSY,
    /** The operator's own request budget made the call wait: {@link AwsBudgetWaitException}. */
    BUDGET_WAIT
  }

  /** The AWS error code (e.g. DeploymentGroupDoesNotExistException), or null for our own checks. */
  public String awsErrorCode() {
    return awsErrorCode;
  }
}
