package dev.ecsbluegreen.operator.benchmark;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * What one benchmark run measures, from the {@code benchmark.*} system properties. A value the run
 * cannot use stops it before anything starts, naming the property, so a typo never produces a table
 * that silently measured something else.
 *
 * @param releases {@code benchmark.releases}: how many releases are applied at once
 * @param events {@code benchmark.events}: the operator reads CodeDeploy's pushed state changes from
 *     an SQS queue, with polling as the safety net
 * @param eventDrops {@code benchmark.eventDrops}: the fraction of events EventBridge loses on the
 *     way to the queue (events mode only)
 * @param awsThrottling {@code benchmark.awsThrottling}: the simulator throttles the operator's ECS
 *     and CodeDeploy calls at AWS's documented rates, so the run shows whether the default request
 *     budget keeps below them
 */
record BenchmarkSettings(int releases, boolean events, double eventDrops, boolean awsThrottling) {

  static final String RELEASES = "benchmark.releases";
  static final String EVENTS = "benchmark.events";
  static final String EVENT_DROPS = "benchmark.eventDrops";
  static final String AWS_THROTTLING = "benchmark.awsThrottling";

  static BenchmarkSettings fromSystemProperties() {
    return from(System::getProperty);
  }

  /** Reads the settings through {@code property}, which answers null for an unset property. */
  static BenchmarkSettings from(UnaryOperator<String> property) {
    int releases = releases(property.apply(RELEASES));
    boolean events = flag(EVENTS, property.apply(EVENTS));
    boolean awsThrottling = flag(AWS_THROTTLING, property.apply(AWS_THROTTLING));
    double drops = eventDrops(property.apply(EVENT_DROPS));
    if (drops > 0 && !events) {
      throw new IllegalArgumentException(
          EVENT_DROPS
              + " drops pushed events, so it needs -D"
              + EVENTS
              + "=true; without events there are none to drop");
    }
    return new BenchmarkSettings(releases, events, drops, awsThrottling);
  }

  /** How the operator learned of deployment changes, for the table's header. */
  String mode() {
    if (!events) {
      return "polling";
    }
    if (eventDrops == 0) {
      return "events";
    }
    return "events with " + percent() + " % of them dropped";
  }

  /** Where the table is written: one file per mode, so runs of each mode sit side by side. */
  String reportFileName() {
    String throttled = awsThrottling ? "-throttled" : "";
    if (!events) {
      return "benchmark-%d%s.md".formatted(releases, throttled);
    }
    if (eventDrops == 0) {
      return "benchmark-%d-events%s.md".formatted(releases, throttled);
    }
    return "benchmark-%d-events-drop%s%s.md".formatted(releases, percent(), throttled);
  }

  private String percent() {
    return BigDecimal.valueOf(eventDrops).movePointRight(2).stripTrailingZeros().toPlainString();
  }

  private static int releases(String text) {
    if (blank(text)) {
      return 20;
    }
    try {
      int releases = Integer.parseInt(text.trim());
      if (releases >= 1) {
        return releases;
      }
    } catch (NumberFormatException e) {
      // answered below, with the value
    }
    throw new IllegalArgumentException(
        RELEASES + " must be a whole number of releases, 1 or more, not '" + text + "'");
  }

  private static boolean flag(String name, String text) {
    if (blank(text)) {
      return false;
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(name + " must be true or false, not '" + text + "'");
    };
  }

  private static double eventDrops(String text) {
    if (blank(text)) {
      return 0;
    }
    try {
      double drops = Double.parseDouble(text.trim());
      // 1 would leave the run measuring the safety-net poll alone, which polling mode already does.
      if (drops >= 0 && drops < 1) {
        return drops;
      }
    } catch (NumberFormatException e) {
      // answered below, with the value
    }
    throw new IllegalArgumentException(
        EVENT_DROPS
            + " must be the fraction of events to drop, from 0 up to but not including 1"
            + " (0.2 drops 20 %), not '"
            + text
            + "'");
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
