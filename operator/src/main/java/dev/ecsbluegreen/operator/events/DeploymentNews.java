package dev.ecsbluegreen.operator.events;

import dev.ecsbluegreen.operator.aws.LruMap;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * What pushed events told about each deployment that no pass has taken yet, so the pass an event
 * sets off can take its answer from the event rather than read the deployment again. Events come
 * out of order and more than once: of those not taken, the one furthest along is kept, so a late
 * {@code START} never hides a {@code SUCCESS}.
 */
public final class DeploymentNews {
  /** Deployments remembered at most; the oldest are forgotten first (a pass then reads). */
  static final int REMEMBERED = 10_000;

  /**
   * One event's news.
   *
   * @param state as CodeDeploy sent it ({@code START}, {@code SUCCESS}, ...)
   * @param time when CodeDeploy changed the state, or null when the event did not say
   * @param arrived when the operator received it, on the operator's clock
   */
  public record Told(String state, Instant time, Instant arrived) {}

  private final Clock clock;
  private final Map<String, Told> untaken = Collections.synchronizedMap(new LruMap<>(REMEMBERED));

  public DeploymentNews(Clock clock) {
    this.clock = clock;
  }

  /** An event about a deployment arrived. */
  public void record(DeploymentStateChange change) {
    var told = new Told(change.state(), change.time(), clock.instant());
    untaken.merge(
        change.deploymentId(),
        told,
        (kept, arriving) -> progress(arriving.state()) >= progress(kept.state()) ? arriving : kept);
  }

  /** The news about a deployment no pass has taken, taken now: the next pass finds none. */
  public Optional<Told> take(String deploymentId) {
    return Optional.ofNullable(untaken.remove(deploymentId));
  }

  /** How far along a deployment an event's state is: it starts, waits at the gate, then ends. */
  private static int progress(String state) {
    return switch (state) {
      case DeploymentStateChange.START -> 1;
      case "READY" -> 2;
      case DeploymentStateChange.SUCCESS, "FAILURE", "STOP" -> 3;
      default -> 0;
    };
  }
}
