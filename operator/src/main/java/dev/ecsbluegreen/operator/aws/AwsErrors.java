package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.errors.AwsAccessException;
import dev.ecsbluegreen.operator.errors.AwsOutageException;
import dev.ecsbluegreen.operator.errors.Causes;
import dev.ecsbluegreen.operator.errors.DeploymentGroupBusyException;
import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import dev.ecsbluegreen.operator.errors.ReleaseException;
import dev.ecsbluegreen.operator.errors.TransientAwsException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place that knows AWS SDK exception classes: turns whatever a call threw into our {@link
 * ReleaseException} taxonomy, keeping the AWS error code and naming the operation and resource.
 */
public final class AwsErrors {

  private static final Set<String> ACCESS_CODES =
      Set.of(
          "AccessDenied",
          "AccessDeniedException",
          "UnauthorizedOperation",
          "UnrecognizedClientException",
          "InvalidClientTokenId",
          "ExpiredToken",
          "ExpiredTokenException",
          "InvalidSignatureException",
          "SignatureDoesNotMatch",
          "IncompleteSignature",
          "MissingAuthenticationToken",
          "NotAuthorized",
          "AuthFailure");

  private static final Set<String> THROTTLING_CODES =
      Set.of(
          "Throttling",
          "ThrottlingException",
          "ThrottledException",
          "TooManyRequestsException",
          "RequestLimitExceeded",
          "RequestThrottled",
          "RequestThrottledException",
          "SlowDown",
          "ProvisionedThroughputExceededException",
          "BandwidthLimitExceeded");

  private static final Set<String> SERVER_CODES =
      Set.of(
          "InternalFailure",
          "InternalError",
          "InternalServerError",
          "ServiceUnavailable",
          "ServiceUnavailableException",
          "ServerException",
          "RequestTimeout",
          "RequestTimeoutException",
          "PriorRequestNotComplete");

  private AwsErrors() {}

  /** Runs one AWS call and classifies what it throws. */
  public static <T> T call(String operation, String resource, Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw classify(e, operation, resource);
    }
  }

  /** Runs one AWS call without a result and classifies what it throws. */
  public static void run(String operation, String resource, Runnable call) {
    call(
        operation,
        resource,
        () -> {
          call.run();
          return null;
        });
  }

  /**
   * Classifies a failed call. A {@link ReleaseException} found in the cause chain (for example from
   * the role-assuming credentials provider) wins, because it was classified closer to its cause.
   *
   * @param operation the AWS operation, e.g. CreateDeployment
   * @param resource what it was called on, e.g. {@code deployment group web-app/web-dg}
   */
  public static ReleaseException classify(Throwable error, String operation, String resource) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      // The breaker's verdict on a failure that left the whole account and region down.
      for (Throwable verdict : t.getSuppressed()) {
        if (verdict instanceof AwsOutageException outage) {
          return outage;
        }
      }
    }
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ReleaseException classified) {
        return classified;
      }
    }
    if (error instanceof AwsServiceException service) {
      return classifyService(service, operation, resource);
    }
    for (Throwable t = error.getCause(); t != null; t = t.getCause()) {
      if (t instanceof AwsServiceException service) {
        return classifyService(service, operation, resource);
      }
    }
    if (error instanceof SdkClientException client && isMissingCredentials(client)) {
      return new AwsAccessException(
          "%s on %s failed: no AWS credentials could be loaded (%s)"
              .formatted(operation, resource, client.getMessage()),
          null,
          error);
    }
    if (error instanceof SdkException) {
      return new TransientAwsException(
          "%s on %s failed without an answer from AWS (network or timeout): %s"
              .formatted(operation, resource, error.getMessage()),
          null,
          false,
          error);
    }
    throw error instanceof RuntimeException runtime ? runtime : new IllegalStateException(error);
  }

  /**
   * What a failed call says about its account and region as a whole, when it says AWS is not
   * answering there: a network failure or timeout, a 5xx, or throttling (each after the SDK's own
   * retries), e.g. {@code "ServiceUnavailableException, HTTP 503"} or {@code "ConnectException:
   * Connection refused"}. Empty when AWS answered, if only to refuse (denied, invalid, not found).
   */
  public static Optional<String> outageProblem(Throwable failure) {
    var service = Causes.find(failure, AwsServiceException.class);
    if (service.isPresent()) {
      var e = service.get();
      String code = errorCode(e);
      boolean down =
          e.isThrottlingException()
              || e.statusCode() >= 500
              || code != null && (THROTTLING_CODES.contains(code) || SERVER_CODES.contains(code));
      return down
          ? Optional.of((code == null ? "" : code + ", ") + "HTTP " + e.statusCode())
          : Optional.empty();
    }
    if (!(failure instanceof SdkException)
        || failure instanceof SdkClientException client && isMissingCredentials(client)
        || Causes.find(failure, ReleaseException.class).isPresent()) {
      return Optional.empty();
    }
    Throwable root = Causes.root(failure);
    return Optional.of(
        root.getMessage() == null
            ? root.getClass().getSimpleName()
            : root.getClass().getSimpleName() + ": " + root.getMessage());
  }

  /** The AWS error code of a service exception, or null. */
  public static String errorCode(Throwable error) {
    if (error instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      return service.awsErrorDetails().errorCode();
    }
    return null;
  }

  private static ReleaseException classifyService(
      AwsServiceException e, String operation, String resource) {
    String code = errorCode(e);
    String awsMessage =
        e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
            ? e.awsErrorDetails().errorMessage()
            : e.getMessage();
    String label = code == null ? "HTTP " + e.statusCode() : code;
    if (code != null && (ACCESS_CODES.contains(code) || code.startsWith("AccessDenied"))
        || e.statusCode() == 401
        || e.statusCode() == 403) {
      return new AwsAccessException(
          "AWS denied %s on %s (%s): %s. Check the IAM permissions of the operator's credentials"
                  .formatted(operation, resource, label, awsMessage)
              + " or of the release's role.",
          code,
          e);
    }
    if ("DeploymentLimitExceededException".equals(code)) {
      return new DeploymentGroupBusyException(
          "%s on %s refused: the group already has an active deployment (%s): %s"
              .formatted(operation, resource, code, awsMessage),
          e);
    }
    if (e.isThrottlingException() || code != null && THROTTLING_CODES.contains(code)) {
      return new TransientAwsException(
          "AWS throttled %s on %s (%s) beyond the SDK's retries: %s"
              .formatted(operation, resource, label, awsMessage),
          code,
          true,
          e);
    }
    if (e.statusCode() >= 500 || code != null && SERVER_CODES.contains(code)) {
      return new TransientAwsException(
          "AWS failed %s on %s with a server error (%s): %s"
              .formatted(operation, resource, label, awsMessage),
          code,
          false,
          e);
    }
    return new InvalidReleaseException(
        "AWS rejected %s on %s (%s): %s".formatted(operation, resource, label, awsMessage),
        code,
        e);
  }

  private static boolean isMissingCredentials(SdkClientException e) {
    String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    return message.contains("unable to load credentials")
        || message.contains("unable to load aws credentials");
  }
}
