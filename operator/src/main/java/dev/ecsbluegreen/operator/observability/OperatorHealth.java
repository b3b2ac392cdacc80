package dev.ecsbluegreen.operator.observability;

import io.javaoperatorsdk.operator.RuntimeInfo;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

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
  private volatile BooleanSupplier started = () -> false;
  private volatile Supplier<Set<String>> unhealthyControllers = Set::of;
  private volatile boolean stopping;

  /** The operator was started; from now on its informers decide liveness. */
  public void started(RuntimeInfo runtime) {
    attach(
        runtime::isStarted,
        () ->
            runtime.allEventSourcesAreHealthy()
                ? Set.of()
                : runtime.unhealthyEventSources().keySet());
  }

  /** For tests: what JOSDK's {@link RuntimeInfo} would say. */
  void attach(BooleanSupplier isStarted, Supplier<Set<String>> unhealthy) {
    this.unhealthyControllers = unhealthy;
    this.started = isStarted;
  }

  /** Shutting down: stop taking traffic (readiness) while the process still answers. */
  public void stopping() {
    this.stopping = true;
  }

  /** Empty when live; otherwise why not. */
  public Optional<String> notLive() {
    if (!started.getAsBoolean()) {
      return Optional.empty(); // starting: liveness must not kill a slow start
    }
    var unhealthy = unhealthyControllers.get();
    return unhealthy.isEmpty()
        ? Optional.empty()
        : Optional.of("informers not watching in controllers " + unhealthy);
  }

  /** Empty when ready; otherwise why not. */
  public Optional<String> notReady() {
    if (stopping) {
      return Optional.of("stopping");
    }
    if (!started.getAsBoolean()) {
      return Optional.of("operator not started yet");
    }
    return Optional.empty();
  }
}
