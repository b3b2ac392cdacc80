package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.errors.AwsAccessException;
import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import dev.ecsbluegreen.operator.errors.ReleaseException;
import dev.ecsbluegreen.operator.errors.TransientAwsException;
import java.util.Set;

/** Turns a classified AWS failure into a condition reason and a message naming the AWS code. */
final class Problems {
  private static final Set<String> GROUP_MISSING =
      Set.of("DeploymentGroupDoesNotExistException", "ApplicationDoesNotExistException");

  private Problems() {}

  static String reason(ReleaseException problem) {
    if (problem instanceof InvalidReleaseException) {
      return GROUP_MISSING.contains(problem.awsErrorCode())
          ? Reasons.DEPLOYMENT_GROUP_NOT_FOUND
          : Reasons.INVALID_SPEC;
    }
    if (problem instanceof AwsAccessException) {
      return Reasons.AWS_ACCESS_DENIED;
    }
    if (problem instanceof TransientAwsException transientError) {
      return transientError.throttled() ? Reasons.AWS_THROTTLED : Reasons.AWS_UNAVAILABLE;
    }
    return Reasons.DEPLOYMENT_GROUP_BUSY;
  }

  static String message(ReleaseException problem) {
    String message = problem.getMessage() == null ? problem.toString() : problem.getMessage();
    String code = problem.awsErrorCode();
    return code == null || message.contains(code) ? message : message + " (" + code + ")";
  }
}
