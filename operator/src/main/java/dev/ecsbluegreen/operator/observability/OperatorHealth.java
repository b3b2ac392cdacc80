package dev.ecsbluegreen.operator.observability;

import io.javaoperatorsdk.operator.RuntimeInfo;
import java.util.Optional;

/**
 * Liveness and readiness of the operator, for {@code /healthz} and {@code /readyz}.
 *
 * <p>Ready means started: the controllers are registered and their informers are running. A standby
 * replica that is not the leader is started in exactly that sense (JOSDK starts informers on every
 * replica and only holds back event processing until it leads), and it must report ready: the
 * chart's Deployment counts only ready pods as available, and its PodDisruptionBudget would block
 * every node drain while the standby is "unready". Leadership is shown by the Lease and by the
 * {@code ecs_bluegreen_leader} gauge instead.
 *
 * <p>Live means the process answers and, once started, every informer is watching: an informer that
 * lost its watch and cannot get it back leaves the operator blind to changes, and only a restart
 * helps. A short watch reconnect does not fail the liveness probe, whose threshold tolerates 30 s.
 */
public final class OperatorHealth {
  private volatile RuntimeInfo runtime;
  private volatile boolean stopping;

  /** The operator was started; from now on its informers decide liveness. */
  public void started(RuntimeInfo runtimeInfo) {
    this.runtime = runtimeInfo;
  }

  /** Shutting down: stop taking traffic (readiness) while the process still answers. */
  public void stopping() {
    this.stopping = true;
  }

  /** Empty when live; otherwise why not. */
  public Optional<String> notLive() {
    var current = runtime;
    if (current == null || !current.isStarted()) {
      return Optional.empty(); // starting: liveness must not kill a slow start
    }
    if (!current.allEventSourcesAreHealthy()) {
      return Optional.of("unhealthy event sources: " + current.unhealthyEventSources().keySet());
    }
    return Optional.empty();
  }

  /** Empty when ready; otherwise why not. */
  public Optional<String> notReady() {
    if (stopping) {
      return Optional.of("stopping");
    }
    var current = runtime;
    if (current == null || !current.isStarted()) {
      return Optional.of("operator not started yet");
    }
    return Optional.empty();
  }
}
