package dev.ecsbluegreen.operator.embedded;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shows releases as they progress. On a terminal the table is redrawn in place with event lines
 * scrolling above it; otherwise (CI logs, pipes) every change is one timestamped line, so the log
 * reads top to bottom.
 */
final class LiveDisplay {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final String CURSOR_UP = "\033[%dA";
  private static final String CLEAR_TO_END = "\033[J";

  private final PrintStream out;
  private final boolean terminal;
  private final Map<String, ReleaseRow> lastPrinted = new HashMap<>();
  private int drawnLines;

  LiveDisplay(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** A line about something that happened: a lifecycle event, an action, a promotion. */
  synchronized void event(String line) {
    if (terminal) {
      eraseTable();
      out.println(line);
      drawnLines = 0;
    } else {
      out.println(LocalTime.now().format(TIME) + " " + line);
    }
    out.flush();
  }

  synchronized void show(List<ReleaseRow> rows, Map<String, LoadFigures> load) {
    if (terminal) {
      eraseTable();
      var lines = ReleaseTable.render(rows, load);
      lines.forEach(out::println);
      drawnLines = lines.size();
    } else {
      rows.forEach(this::printIfChanged);
    }
    out.flush();
  }

  private void printIfChanged(ReleaseRow row) {
    var key = row.namespace() + "/" + row.name();
    var comparable = row.withoutAge();
    if (comparable.equals(lastPrinted.get(key))) {
      return;
    }
    lastPrinted.put(key, comparable);
    out.println(
        LocalTime.now().format(TIME)
            + " "
            + key
            + " phase="
            + orDash(row.phase())
            + " green="
            + orDash(row.green())
            + " taskdef="
            + orDash(row.taskDefinition())
            + " deployment="
            + orDash(row.deployment())
            + (row.message().isEmpty() ? "" : " : " + row.message()));
  }

  private void eraseTable() {
    if (drawnLines > 0) {
      out.print(String.format(CURSOR_UP, drawnLines) + CLEAR_TO_END);
    }
  }

  private static String orDash(String value) {
    return value.isEmpty() ? "-" : value;
  }
}
