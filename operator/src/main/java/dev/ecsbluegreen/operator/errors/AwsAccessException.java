package dev.ecsbluegreen.operator.errors;

/**
 * Credentials are missing or expired, a role cannot be assumed, or an action is denied. Fixable
 * outside the release (IAM), so it is retried with backoff and reported as Stalled meanwhile.
 */
public final class AwsAccessException extends ReleaseException {
  public AwsAccessException(String message, String awsErrorCode, Throwable cause) {
    super(message, awsErrorCode, cause);
  }

  @Override
  public Kind kind() {
    return Kind.ACCESS_DENIED;
  }
}
