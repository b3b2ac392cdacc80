package dev.ecsbluegreen.operator.reconciler.codedeploy;

import dev.ecsbluegreen.operator.api.v1alpha1.TrafficRouting;
import dev.ecsbluegreen.operator.api.v1alpha1.TrafficRouting.TrafficRoutingType;
import dev.ecsbluegreen.operator.aws.DeploymentConfigNames;
import dev.ecsbluegreen.operator.aws.DeploymentSnapshot;
import dev.ecsbluegreen.operator.aws.DeploymentSnapshot.LifecycleEvent;
import dev.ecsbluegreen.operator.aws.DeploymentState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When CodeDeploy will next move a deployment on its own, from the timestamps it reports and the
 * waits and routing it was created with (AWS reference 3.2 to 3.4): the next traffic step, the end
 * of the termination wait, or the ready wait timing out. The instant may already have passed: the
 * transition is then due and about to show. Empty while a hook or install runs (they end when they
 * end) and for a routing whose config name does not spell it.
 */
final class DueTransitions {
  private static final String ALLOW_TRAFFIC = "AllowTraffic";
  private static final String AFTER_ALLOW_TRAFFIC = "AfterAllowTraffic";

  private DueTransitions() {}

  static Optional<Instant> next(DeploymentSnapshot deployment) {
    var target = deployment.target();
    if (deployment.state().ended() || target == null) {
      return Optional.empty();
    }
    var waits = Objects.requireNonNullElse(deployment.waits(), DeploymentSnapshot.Waits.NONE);
    var events = target.lifecycleEvents();
    if (deployment.state() == DeploymentState.READY || "Ready".equals(target.status())) {
      return waits.readyWaitMinutes() == null
          ? Optional.empty()
          : lastEnd(events).map(gate -> gate.plus(minutes(waits.readyWaitMinutes())));
    }
    if ("Succeeded".equals(target.status()) || deployment.state() == DeploymentState.BAKING) {
      // The termination wait starts when the target succeeds, i.e. when AfterAllowTraffic ends.
      return endOf(events, AFTER_ALLOW_TRAFFIC)
          .or(() -> lastEnd(events))
          .map(shifted -> shifted.plus(minutes(waits.terminationWaitMinutes())));
    }
    return shifting(events)
        .flatMap(
            start ->
                DeploymentConfigNames.routingOf(deployment.deploymentConfig())
                    .flatMap(
                        routing ->
                            nextStep(
                                routing, start, DeploymentPhases.traffic(deployment).green())));
  }

  /**
   * Whether the transition {@link #next} predicts ends the deployment: it is the last traffic step
   * (or, once green has it all, the end of the shift) and blue is not kept (a termination wait of
   * 0). CodeDeploy then ends the deployment a listener update after the step, unless an
   * AfterAllowTraffic hook holds it, so the deployment's own state shows the step. False while the
   * waits are not known (the deployment was not read yet).
   */
  static boolean endsAtNext(DeploymentSnapshot deployment) {
    var target = deployment.target();
    var waits = deployment.waits();
    if (deployment.state() != DeploymentState.IN_PROGRESS
        || target == null
        || waits == null
        || waits.terminationWaitMinutes() != 0) {
      return false;
    }
    var start = shifting(target.lifecycleEvents());
    var routing = DeploymentConfigNames.routingOf(deployment.deploymentConfig());
    if (start.isEmpty() || routing.isEmpty()) {
      return false;
    }
    // The last step falls at the shift's start plus every interval after the first step.
    var step = nextStep(routing.get(), start.get(), DeploymentPhases.traffic(deployment).green());
    return step.isPresent() && !step.get().isBefore(start.get().plus(shiftingTime(routing.get())));
  }

  /**
   * The earliest the deployment can end on its own: its creation, plus every traffic step its
   * configuration takes after the first, plus the termination wait. Installs, hooks and a wait at
   * the gate come on top, so the end is never sooner. Empty once it ended, and for a deployment
   * that reports no creation time. A configuration whose name does not spell its routing counts as
   * shifting all at once (the earliest it can be). Empty too for a deployment held at the gate (a
   * ready wait) that has not shown it was ready yet (no target read): it cannot end before it is
   * continued, and its READY event, or the target read once green was seen ready, says when.
   */
  static Optional<Instant> earliestEnd(DeploymentSnapshot deployment) {
    if (deployment.state().ended() || deployment.createTime() == null) {
      return Optional.empty();
    }
    var waits = Objects.requireNonNullElse(deployment.waits(), DeploymentSnapshot.Waits.NONE);
    if (waits.readyWaitMinutes() != null && deployment.target() == null) {
      return Optional.empty();
    }
    Duration shifting =
        DeploymentConfigNames.routingOf(deployment.deploymentConfig())
            .map(DueTransitions::shiftingTime)
            .orElse(Duration.ZERO);
    return Optional.of(
        deployment.createTime().plus(shifting).plus(minutes(waits.terminationWaitMinutes())));
  }

  /**
   * From the first traffic step to the last: one interval for a canary, k - 1 for k linear steps.
   */
  static Duration shiftingTime(TrafficRouting routing) {
    if (routing.type() == TrafficRoutingType.AllAtOnce) {
      return Duration.ZERO;
    }
    long steps =
        routing.type() == TrafficRoutingType.TimeBasedCanary
            ? 2
            : (100 + routing.percentage() - 1) / routing.percentage();
    return minutes(routing.intervalMinutes()).multipliedBy(steps - 1);
  }

  /**
   * The step after the ones the green weight shows were taken. Canary: the rest at start +
   * interval. Linear: step k at start + k intervals. Once green has it all, the last step's
   * instant, already past: AllowTraffic ends a listener update later (seconds), and the deployment
   * can succeed right after, so it is looked at closely. Empty for all at once.
   */
  static Optional<Instant> nextStep(TrafficRouting routing, Instant start, int green) {
    if (routing.type() == TrafficRoutingType.AllAtOnce) {
      return Optional.empty();
    }
    Duration interval = minutes(routing.intervalMinutes());
    if (green < routing.percentage()) {
      return Optional.of(start);
    }
    boolean canary = routing.type() == TrafficRoutingType.TimeBasedCanary;
    if (green >= 100) {
      // The first step moves the percentage at the start; the last one, the rest.
      long lastStep = canary ? 1 : (100 + routing.percentage() - 1) / routing.percentage() - 1;
      return Optional.of(start.plus(interval.multipliedBy(lastStep)));
    }
    long stepsTaken = canary ? 1 : green / routing.percentage();
    return Optional.of(start.plus(interval.multipliedBy(stepsTaken)));
  }

  /** When AllowTraffic started, while it runs. */
  private static Optional<Instant> shifting(List<LifecycleEvent> events) {
    return events.stream()
        .filter(e -> ALLOW_TRAFFIC.equals(e.name()) && "InProgress".equals(e.status()))
        .map(LifecycleEvent::startTime)
        .filter(Objects::nonNull)
        .findFirst();
  }

  private static Optional<Instant> endOf(List<LifecycleEvent> events, String name) {
    return events.stream()
        .filter(e -> name.equals(e.name()))
        .map(LifecycleEvent::endTime)
        .filter(Objects::nonNull)
        .findFirst();
  }

  private static Optional<Instant> lastEnd(List<LifecycleEvent> events) {
    return events.stream()
        .map(LifecycleEvent::endTime)
        .filter(Objects::nonNull)
        .max(Instant::compareTo);
  }

  private static Duration minutes(int value) {
    return Duration.ofMinutes(value);
  }
}
