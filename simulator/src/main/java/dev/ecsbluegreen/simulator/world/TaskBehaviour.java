package dev.ecsbluegreen.simulator.world;

import java.util.Map;

/**
 * How the simulated tasks of a task definition behave, read from its containers' environment:
 * {@code SIM_ERROR_RATE} (0..1, share of requests answered 500), {@code SIM_LATENCY_MS} (added to
 * every answer) and {@code SIM_UNHEALTHY=true} (tasks never become healthy).
 */
public record TaskBehaviour(double errorRate, long latencyMs, boolean unhealthy) {

  public static final TaskBehaviour HEALTHY = new TaskBehaviour(0, 0, false);

  static TaskBehaviour fromEnvironment(Map<String, String> env) {
    double errorRate = parseDouble(env.get("SIM_ERROR_RATE"));
    long latency = (long) parseDouble(env.get("SIM_LATENCY_MS"));
    boolean unhealthy = Boolean.parseBoolean(env.getOrDefault("SIM_UNHEALTHY", "false").trim());
    return new TaskBehaviour(Math.max(0, Math.min(1, errorRate)), Math.max(0, latency), unhealthy);
  }

  private static double parseDouble(String value) {
    if (value == null || value.isBlank()) {
      return 0;
    }
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
