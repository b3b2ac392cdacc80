package dev.ecsbluegreen.operator.errors;

/** Throttling, a 5xx or a network error that outlived the SDK's own retries; retry with backoff. */
public final class TransientAwsException extends ReleaseException {
  private final boolean throttled;

  public TransientAwsException(
      String message, String awsErrorCode, boolean throttled, Throwable cause) {
    super(message, awsErrorCode, cause);
    this.throttled = throttled;
  }

  public boolean throttled() {
    return throttled;
  }

  @Override
  public Kind kind() {
    return throttled ? Kind.THROTTLED : Kind.UNAVAILABLE;
  }
}
