package dev.ecsbluegreen.operator.embedded;

/** What the load on one production listener has seen so far. */
public record LoadFigures(long requests, long failures, long answeredByGreen) {
  public static final LoadFigures NONE = new LoadFigures(0, 0, 0);

  /** Share of answered requests that came from green, e.g. "37%"; empty before any answer. */
  public String greenShareText() {
    var answered = requests - failures;
    return answered <= 0 ? "" : Math.round(100.0 * answeredByGreen / answered) + "%";
  }
}
