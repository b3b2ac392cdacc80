package dev.ecsbluegreen.operator.embedded;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The table the demo ends with, and its verdict. */
final class DemoSummary {
  private DemoSummary() {}

  /**
   * Prints the summary; true when every release ended as expected and no request failed. {@code
   * load} is keyed by namespace/name: releases of the same name in two namespaces have two
   * listeners, and a failure on either must count.
   */
  static boolean print(
      PrintStream out, List<EcsBlueGreenRelease> releases, Map<String, LoadFigures> load) {
    var table = new ArrayList<List<String>>();
    table.add(
        List.of(
            "NAME", "EXPECTED", "OUTCOME", "REQUESTS", "FAILED", "ANSWERED-BY-GREEN", "RESULT"));
    var allGood = true;
    for (var release : releases) {
      var figures = load.getOrDefault(ProgressNarrator.key(release), LoadFigures.NONE);
      var expected = ReleaseOutcome.expectedPhase(release);
      var actual = ReleaseOutcome.actualPhase(release);
      var good =
          ReleaseOutcome.ended(release) && expected.equals(actual) && figures.failures() == 0;
      allGood &= good;
      table.add(
          List.of(
              ProgressNarrator.key(release),
              expected,
              actual,
              Long.toString(figures.requests()),
              Long.toString(figures.failures()),
              figures.greenShareText(),
              good ? "ok" : "UNEXPECTED"));
    }
    out.println();
    out.println("Summary");
    ReleaseTable.aligned(table).forEach(out::println);
    out.println(
        allGood
            ? "Every release ended as expected; no request to a production listener failed."
            : "Some releases did not end as expected (see RESULT).");
    return allGood;
  }
}
