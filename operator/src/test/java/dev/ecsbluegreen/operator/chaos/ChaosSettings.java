package dev.ecsbluegreen.operator.chaos;

import java.time.Duration;
import java.util.Properties;

/**
 * What a chaos run does, read from {@code -Dchaos.*} system properties so the same test is the
 * small run of {@code mvn verify} and, with other values, the large documented one.
 *
 * @param releases how many releases the run applies
 * @param kills how many times the operator process is killed with SIGKILL (the leader, with
 *     failover)
 * @param seed seeds the release mix, the kill moments and the simulator's faults
 * @param throttleRate fraction (0..1) of every AWS call answered {@code ThrottlingException}
 * @param errorRate fraction (0..1) of every AWS call answered {@code InternalFailure} (HTTP 500)
 * @param leaderFailover two operator replicas electing a leader; each kill hits the leader
 * @param minuteMillis wall-clock milliseconds a simulated AWS minute lasts
 * @param maxUptime the longest an operator works (from ready, or from a leader's election) before
 *     the next kill; each uptime is drawn between half a second and this
 * @param timeout how long the releases may take to end after the last kill
 */
record ChaosSettings(
    int releases,
    int kills,
    long seed,
    double throttleRate,
    double errorRate,
    boolean leaderFailover,
    double minuteMillis,
    Duration maxUptime,
    Duration timeout) {

  static final String PREFIX = "chaos.";

  ChaosSettings {
    require(releases >= 1, "releases", "must be at least 1, was " + releases);
    require(kills >= 0, "kills", "must not be negative, was " + kills);
    require(rate(throttleRate), "throttle", "must be a fraction from 0 to 1, was " + throttleRate);
    require(rate(errorRate), "errors", "must be a fraction from 0 to 1, was " + errorRate);
    require(
        throttleRate + errorRate < 1,
        "throttle",
        "plus chaos.errors must stay below 1, or no AWS call ever succeeds");
    require(minuteMillis >= 50, "minuteMs", "must be at least 50, was " + minuteMillis);
    require(
        maxUptime.compareTo(Duration.ofSeconds(2)) >= 0,
        "maxUptimeSeconds",
        "must be at least 2, was " + maxUptime.toSeconds());
    require(!timeout.isNegative() && !timeout.isZero(), "timeoutSeconds", "must be positive");
  }

  /** The run {@code mvn verify} makes: 20 releases, 5 kills, no faults. */
  static ChaosSettings small() {
    return new ChaosSettings(
        20, 5, 14L, 0, 0, false, 500, Duration.ofSeconds(5), Duration.ofSeconds(120));
  }

  /** The small run with whatever {@code chaos.*} properties say instead. */
  static ChaosSettings from(Properties properties) {
    var defaults = small();
    return new ChaosSettings(
        integer(properties, "releases", defaults.releases()),
        integer(properties, "kills", defaults.kills()),
        number(properties, "seed", defaults.seed()),
        decimal(properties, "throttle", defaults.throttleRate()),
        decimal(properties, "errors", defaults.errorRate()),
        bool(properties, "leaderFailover", defaults.leaderFailover()),
        decimal(properties, "minuteMs", defaults.minuteMillis()),
        Duration.ofSeconds(
            integer(properties, "maxUptimeSeconds", (int) defaults.maxUptime().toSeconds())),
        Duration.ofSeconds(
            integer(properties, "timeoutSeconds", (int) defaults.timeout().toSeconds())));
  }

  /** One line for the figures: what was asked of the run. */
  String describe() {
    return "%d releases, %d kills%s, seed %d, %.0f%% throttling + %.0f%% errors, minute = %.0f ms"
        .formatted(
            releases,
            kills,
            leaderFailover ? " of the leader (2 replicas)" : "",
            seed,
            throttleRate * 100,
            errorRate * 100,
            minuteMillis);
  }

  private static boolean rate(double value) {
    return value >= 0 && value <= 1;
  }

  private static void require(boolean ok, String property, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(PREFIX + property + " " + problem);
    }
  }

  private static String raw(Properties properties, String name) {
    var value = properties.getProperty(PREFIX + name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static int integer(Properties properties, String name, int fallback) {
    return (int) number(properties, name, fallback);
  }

  private static long number(Properties properties, String name, long fallback) {
    var value = raw(properties, name);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          PREFIX + name + " must be a whole number, was \"" + value + "\"");
    }
  }

  private static double decimal(Properties properties, String name, double fallback) {
    var value = raw(properties, name);
    if (value == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          PREFIX + name + " must be a number, was \"" + value + "\"");
    }
  }

  private static boolean bool(Properties properties, String name, boolean fallback) {
    var value = raw(properties, name);
    if (value == null) {
      return fallback;
    }
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException(
          PREFIX + name + " must be true or false, was \"" + value + "\"");
    }
    return Boolean.parseBoolean(value);
  }
}
