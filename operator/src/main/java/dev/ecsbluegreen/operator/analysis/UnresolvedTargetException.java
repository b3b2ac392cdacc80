package dev.ecsbluegreen.operator.analysis;

/** A check's target could not be found, so a run measured nothing: an inconclusive run. */
public final class UnresolvedTargetException extends RuntimeException {
  public UnresolvedTargetException(String message) {
    super(message);
  }
}
