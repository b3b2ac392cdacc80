package dev.ecsbluegreen.operator.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders releases as `kubectl get releases` does (NAME, PHASE, GREEN, TASKDEF, DEPLOYMENT, AGE),
 * with the load figures of each release's production listener beside them.
 */
public final class ReleaseTable {
  private static final List<String> HEADERS =
      List.of(
          "NAME",
          "PHASE",
          "GREEN",
          "TASKDEF",
          "DEPLOYMENT",
          "AGE",
          "REQUESTS",
          "FAILED",
          "ANSWERED-BY-GREEN");

  private ReleaseTable() {}

  /** {@code load} is keyed by namespace/name, as {@link ProgressNarrator#key} builds it. */
  public static List<String> render(List<ReleaseRow> rows, Map<String, LoadFigures> load) {
    var table = new ArrayList<List<String>>();
    table.add(HEADERS);
    for (var row : rows) {
      var figures = load.getOrDefault(row.namespace() + "/" + row.name(), LoadFigures.NONE);
      table.add(
          List.of(
              row.name(),
              row.phase(),
              row.green(),
              row.taskDefinition(),
              row.deployment(),
              row.age(),
              Long.toString(figures.requests()),
              Long.toString(figures.failures()),
              figures.greenShareText()));
    }
    return aligned(table);
  }

  /** Columns padded to their widest cell and separated by three spaces, as kubectl prints them. */
  static List<String> aligned(List<List<String>> table) {
    var widths = new int[table.get(0).size()];
    for (var row : table) {
      for (var i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    Function<List<String>, String> line =
        row -> {
          var builder = new StringBuilder();
          for (var i = 0; i < row.size(); i++) {
            var cell = row.get(i);
            builder.append(cell);
            if (i < row.size() - 1) {
              builder.append(" ".repeat(widths[i] - cell.length() + 3));
            }
          }
          return builder.toString().stripTrailing();
        };
    return table.stream().map(line).toList();
  }
}
