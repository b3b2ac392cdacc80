package dev.ecsbluegreen.operator.analysis;

/**
 * What one run of a check measured.
 *
 * @param value the measurement in a few words, e.g. {@code 9/10 good}
 * @param message the run's result in a sentence
 */
public record Measurement(Result result, String value, String message) {

  /** A run passes, fails, or measures nothing (it never passes then). */
  public enum Result {
    PASS,
    FAIL,
    INCONCLUSIVE
  }

  public static Measurement inconclusive(String message) {
    return new Measurement(Result.INCONCLUSIVE, "unreachable", message);
  }
}
