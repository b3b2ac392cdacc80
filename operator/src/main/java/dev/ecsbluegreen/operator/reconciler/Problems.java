package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.errors.ReleaseException;
import java.util.Set;

/** Turns a classified AWS failure into a condition reason and a message naming the AWS code. */
public final class Problems {
  private static final Set<String> GROUP_MISSING =
      Set.of("DeploymentGroupDoesNotExistException", "ApplicationDoesNotExistException");

  private Problems() {}

  public static String reason(ReleaseException problem) {
    return switch (problem.kind()) {
      case INVALID_RELEASE ->
          problem.awsErrorCode() != null && GROUP_MISSING.contains(problem.awsErrorCode())
              ? Reasons.DEPLOYMENT_GROUP_NOT_FOUND
              : Reasons.INVALID_SPEC;
      case ACCESS_DENIED -> Reasons.AWS_ACCESS_DENIED;
      case THROTTLED -> Reasons.AWS_THROTTLED;
      case UNAVAILABLE -> Reasons.AWS_UNAVAILABLE;
      case GROUP_BUSY -> Reasons.DEPLOYMENT_GROUP_BUSY;
      case BUDGET_WAIT -> Reasons.WAITING_FOR_REQUEST_BUDGET;
    };
  }

  public static String message(ReleaseException problem) {
    String message = problem.getMessage() == null ? problem.toString() : problem.getMessage();
    String code = problem.awsErrorCode();
    return code == null || message.contains(code) ? message : message + " (" + code + ")";
  }
}
