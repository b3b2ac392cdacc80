package dev.ecsbluegreen.simulator.world;

/**
 * An error answered to the caller the way AWS answers it: the exception shape name as the error
 * code, the HTTP status and a message.
 */
public final class AwsException extends RuntimeException {

  private final String errorCode;
  private final int httpStatus;

  public AwsException(String errorCode, int httpStatus, String message) {
    super(message, null, false, false);
    this.errorCode = errorCode;
    this.httpStatus = httpStatus;
  }

  /** A caller error (HTTP 400), which is what every modeled CodeDeploy exception is. */
  public static AwsException client(String errorCode, String message) {
    return new AwsException(errorCode, 400, message);
  }

  public String errorCode() {
    return errorCode;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
