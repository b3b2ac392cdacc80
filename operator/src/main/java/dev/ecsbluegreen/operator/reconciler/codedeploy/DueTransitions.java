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
