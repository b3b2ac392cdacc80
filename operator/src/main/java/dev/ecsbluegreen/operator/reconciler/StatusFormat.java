package dev.ecsbluegreen.operator.reconciler;

/** Small formatting helpers for status fields. */
public final class StatusFormat {
  private StatusFormat() {}

  /** {@code family:revision} of a task definition ARN (or the input when it is not an ARN). */
  public static String familyRevision(String arn) {
    if (arn == null) {
      return null;
    }
    int slash = arn.lastIndexOf('/');
    return slash < 0 ? arn : arn.substring(slash + 1);
  }
}
