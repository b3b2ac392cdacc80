package dev.ecsbluegreen.operator.errors;

/**
 * The release cannot progress until someone changes it or its AWS resources: a missing deployment
 * group, a container name the base task definition lacks, a request AWS rejects as invalid. Retried
 * slowly (minutes), never in a loop.
 */
public final class InvalidReleaseException extends ReleaseException {
  public InvalidReleaseException(String message, String awsErrorCode, Throwable cause) {
    super(message, awsErrorCode, cause);
  }

  public InvalidReleaseException(String message) {
    this(message, null, null);
  }

  @Override
  public Kind kind() {
    return Kind.INVALID_RELEASE;
  }
}
