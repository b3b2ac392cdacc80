package dev.ecsbluegreen.operator.reconciler.codedeploy;

import dev.ecsbluegreen.operator.aws.DeploymentSnapshot;
import dev.ecsbluegreen.operator.aws.DeploymentState;
import dev.ecsbluegreen.operator.events.DeploymentNews.Told;
import dev.ecsbluegreen.operator.events.DeploymentStateChange;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a pass may take from a pushed event instead of reading its deployment, given the
 * deployment's last read. Only what the event says in full is taken:
 *
 * <ul>
 *   <li>{@code SUCCESS}: the deployment succeeded, at the event's time. Nothing else of a
 *       deployment that succeeded differs from its last read (it has no rollback and no error).
 *   <li>{@code START}: a deployment last read as created or queued (or known as created from the
 *       request that created it) runs now; one read moments ago, after the event arrived, is as the
 *       read found it (a pass read it while the event was on its way, and the event's pass comes
 *       right after).
 * </ul>
 *
 * Any other event ({@code READY}, {@code FAILURE}, {@code STOP}) says less than the status needs
 * (the gate's time, the error and the rollback), so its pass reads, as does every pass no event set
 * off: the safety net reads what the events may have missed.
 */
final class EventAnswers {
  /** How recent a read that came after the event may be to answer the event's pass. */
  static final Duration JUST_READ = Duration.ofSeconds(2);

  /** A deployment as a pass last saw it (read or answered), and when. */
  record Seen(DeploymentSnapshot deployment, Instant at) {}

  private EventAnswers() {}

  static Optional<DeploymentSnapshot> answer(Seen last, Told told, Instant now) {
    if (last == null || last.deployment().state().ended()) {
      return Optional.empty();
    }
    var deployment = last.deployment();
    return switch (told.state()) {
      case DeploymentStateChange.SUCCESS ->
          Optional.of(
              deployment.withState(
                  DeploymentState.SUCCEEDED, told.time() == null ? told.arrived() : told.time()));
      case DeploymentStateChange.START -> started(last, told, now);
      default -> Optional.empty();
    };
  }

  private static Optional<DeploymentSnapshot> started(Seen last, Told told, Instant now) {
    var deployment = last.deployment();
    if (deployment.state() == DeploymentState.CREATED
        || deployment.state() == DeploymentState.QUEUED) {
      return Optional.of(deployment.withState(DeploymentState.IN_PROGRESS, null));
    }
    boolean readAfterIt = !last.at().isBefore(told.arrived());
    boolean moments = Duration.between(last.at(), now).compareTo(JUST_READ) < 0;
    return readAfterIt && moments ? Optional.of(deployment) : Optional.empty();
  }
}
