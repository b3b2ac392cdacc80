package dev.ecsbluegreen.simulator.world;

import java.time.Duration;
import java.util.Objects;

/**
 * How long, in simulated seconds, the steps AWS does on its own take. Hooks and traffic routing
 * follow the deployment's configuration; these cover everything else.
 */
public record Timings(
    Integer startDelaySeconds,
    Integer taskStartupSeconds,
    Integer listenerUpdateSeconds,
    Integer hookTimeoutSeconds,
    Integer installTimeoutSeconds,
    Integer rollbackSeconds) {

  public static final Timings DEFAULT = new Timings(null, null, null, null, null, null);

  public Timings {
    startDelaySeconds = Objects.requireNonNullElse(startDelaySeconds, 1);
    taskStartupSeconds = Objects.requireNonNullElse(taskStartupSeconds, 30);
    listenerUpdateSeconds = Objects.requireNonNullElse(listenerUpdateSeconds, 5);
    hookTimeoutSeconds = Objects.requireNonNullElse(hookTimeoutSeconds, 3600);
    installTimeoutSeconds = Objects.requireNonNullElse(installTimeoutSeconds, 3600);
    rollbackSeconds = Objects.requireNonNullElse(rollbackSeconds, 10);
  }

  Duration startDelay() {
    return Duration.ofSeconds(startDelaySeconds);
  }

  public Duration taskStartup() {
    return Duration.ofSeconds(taskStartupSeconds);
  }

  Duration listenerUpdate() {
    return Duration.ofSeconds(listenerUpdateSeconds);
  }

  Duration hookTimeout() {
    return Duration.ofSeconds(hookTimeoutSeconds);
  }

  Duration installTimeout() {
    return Duration.ofSeconds(installTimeoutSeconds);
  }

  Duration rollback() {
    return Duration.ofSeconds(rollbackSeconds);
  }
}
