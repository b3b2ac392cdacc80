package dev.ecsbluegreen.operator.reconciler.codedeploy;

import dev.ecsbluegreen.operator.aws.CodeDeployGateway;
import dev.ecsbluegreen.operator.aws.DeploymentSnapshot;
import dev.ecsbluegreen.operator.aws.DeploymentSnapshot.EcsTarget;
import dev.ecsbluegreen.operator.aws.DeploymentState;
import dev.ecsbluegreen.operator.aws.LruMap;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a deployment's ECS target (lifecycle events, traffic weights) only when the phase needs it
 * and something may have changed: the first time, when the deployment's state changed since, when a
 * transition the last target predicted is due, or when the last read is older than the refresh
 * interval while hooks, installs or a shift nothing predicts run (they end when they end). While
 * the deployment configuration predicts the next traffic step, the target is not refreshed before
 * it; a step after which the deployment ends on its own (the last, with blue not kept) is seen
 * through the deployment's state, and read for only if the deployment still runs a refresh interval
 * later. A deployment that has not started has no target; an ended one's target never changes, so
 * it is read once more when the deployment ends (for the final lifecycle events) and then never.
 *
 * <p>While pushed events report the deployment's state changes, nothing is read on a schedule: the
 * target is read once per change an event reports (READY, FAILURE, STOP) or the last target
 * predicted, and never first for a deployment that runs or succeeded, whose phase its state alone
 * gives as far as the operator knows. Reading it on every START and SUCCESS would cost one or two
 * reads a deployment, more than the events save.
 */
final class TargetReads {
  static final int CACHED_TARGETS = 10_000;

  /** Target statuses that only a change of the deployment's state (or a due wait) ends. */
  private static final Set<String> WAITING = Set.of("Succeeded", "Ready");

  private record Seen(
      List<String> targetIds, EcsTarget target, DeploymentState state, Instant at) {}

  private final Duration refresh;
  private final Map<String, Seen> seen = Collections.synchronizedMap(new LruMap<>(CACHED_TARGETS));

  /**
   * @param refresh how old a target may get while the deployment runs and nothing is due
   */
  TargetReads(Duration refresh) {
    this.refresh = refresh;
  }

  /**
   * The deployment with the target its phase needs, read from AWS only when it may have moved.
   *
   * @param expectedTargetIds the ids the deployment's target is expected to have, so the first read
   *     needs no listing (CodeDeploy lists them when they turn out wrong)
   */
  DeploymentSnapshot withTarget(
      CodeDeployGateway codeDeploy,
      List<String> expectedTargetIds,
      DeploymentSnapshot deployment,
      Instant now) {
    return withTarget(codeDeploy, expectedTargetIds, deployment, now, false);
  }

  /**
   * @param pushed pushed events report this deployment's state changes: read only what a change
   *     needs, never on a schedule
   */
  DeploymentSnapshot withTarget(
      CodeDeployGateway codeDeploy,
      List<String> expectedTargetIds,
      DeploymentSnapshot deployment,
      Instant now,
      boolean pushed) {
    if (!needsTarget(deployment.state())) {
      return deployment;
    }
    String id = deployment.deploymentId();
    Seen last = seen.get(id);
    boolean neverRead = last == null || last.target() == null;
    if (pushed && neverRead && !needsFirstReadWhenPushed(deployment.state())) {
      return deployment;
    }
    if (!neverRead && !stale(last, deployment, now, pushed)) {
      return deployment.withTarget(last.target());
    }
    var known = last == null || last.targetIds().isEmpty() ? expectedTargetIds : last.targetIds();
    var read = codeDeploy.readTarget(id, known);
    seen.put(id, new Seen(read.targetIds(), read.target(), deployment.state(), now));
    return deployment.withTarget(read.target());
  }

  private static boolean needsTarget(DeploymentState state) {
    return switch (state) {
      case CREATED, QUEUED -> false;
      case IN_PROGRESS, READY, BAKING, UNKNOWN, SUCCEEDED, FAILED, STOPPED -> true;
    };
  }

  /**
   * With events, the states whose phase or message need the target: the gate's time for the ready
   * wait's end, and the hook that failed. Running and succeeded deployments read as their state.
   */
  private static boolean needsFirstReadWhenPushed(DeploymentState state) {
    return switch (state) {
      case READY, FAILED, STOPPED -> true;
      case CREATED, QUEUED, IN_PROGRESS, BAKING, UNKNOWN, SUCCEEDED -> false;
    };
  }

  private boolean stale(Seen last, DeploymentSnapshot deployment, Instant now, boolean pushed) {
    if (last.state() != deployment.state()) {
      return true;
    }
    if (deployment.state().ended()) {
      return false;
    }
    // A due transition is read for once after its instant; if that read still shows it due, the
    // deployment's own state (read on every pass) or the refresh tells when it happened.
    var due = DueTransitions.next(deployment.withTarget(last.target()));
    if (due.isPresent()) {
      if (due.get().isAfter(now)) {
        // Between two traffic steps the target moves only at the next one; anything sooner (an
        // alarm, a stop) ends the deployment, which its state shows.
        return false;
      }
      if (last.at().isBefore(due.get())) {
        if (DueTransitions.endsAtNext(deployment.withTarget(last.target()))) {
          // The step that ends the deployment: its state shows the end seconds later, and the
          // end's read gives the final target. Read for the step itself only if the deployment
          // still runs a refresh interval after it (a hook after the shift holds it).
          return !due.get().plus(refresh).isAfter(now);
        }
        return true;
      }
    }
    if (pushed) {
      // Events report the next change of state; nothing else is read for.
      return false;
    }
    // Baking and waiting at the gate, the target stays as it is until the state changes.
    boolean settledTarget = WAITING.contains(last.target().status());
    return !settledTarget && !last.at().plus(refresh).isAfter(now);
  }
}
