package dev.ecsbluegreen.operator.reconciler.codedeploy;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.TrafficSplit;
import dev.ecsbluegreen.operator.aws.DeploymentSnapshot;
import dev.ecsbluegreen.operator.aws.DeploymentSnapshot.LifecycleEvent;
import dev.ecsbluegreen.operator.aws.DeploymentState;
import dev.ecsbluegreen.operator.reconciler.Reasons;
import dev.ecsbluegreen.operator.reconciler.Report;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Maps what CodeDeploy reports about a deployment (and its rollback deployment) to the release's
 * phase, conditions and traffic split, following the table in the AWS reference (section 3.2).
 */
public final class DeploymentPhases {
  private static final Set<String> DEPLOYING = Set.of("BeforeInstall", "Install", "AfterInstall");
  private static final Set<String> TEST_TRAFFIC =
      Set.of("AllowTestTraffic", "AfterAllowTestTraffic");
  private static final Set<String> HOOK_EVENTS =
      Set.of(
          "BeforeInstall",
          "AfterInstall",
          "AfterAllowTestTraffic",
          "BeforeAllowTraffic",
          "AfterAllowTraffic");

  /** Statuses of an event that actually ran; Skipped ones did not, Pending ones not yet. */
  private static final Set<String> RAN = Set.of("Succeeded", "Failed");

  private DeploymentPhases() {}

  /**
   * The report for a deployment of the current release.
   *
   * @param rollback the deployment CodeDeploy started to roll it back, if known and read
   * @param taskDefinition family:revision being released, for the messages
   */
  public static Report report(
      DeploymentSnapshot deployment, DeploymentSnapshot rollback, String taskDefinition) {
    String id = deployment.deploymentId();
    return switch (deployment.state()) {
      case CREATED, QUEUED ->
          Report.reconciling(
              Phase.Deploying, Reasons.DEPLOYMENT_CREATED, Reasons.deploymentCreated(id));
      case IN_PROGRESS, BAKING, UNKNOWN -> inProgress(deployment);
      case READY ->
          Report.reconciling(
              Phase.AwaitingPromotion, Reasons.AWAITING_PROMOTION, Reasons.awaitingPromotion(id));
      case SUCCEEDED ->
          Report.ready(Reasons.DEPLOYMENT_SUCCEEDED, Reasons.succeeded(id, taskDefinition));
      case FAILED, STOPPED -> ended(deployment, rollback);
    };
  }

  private static Report inProgress(DeploymentSnapshot deployment) {
    String id = deployment.deploymentId();
    var target = deployment.target();
    if (deployment.state() == DeploymentState.BAKING
        || (target != null && "Succeeded".equals(target.status()))) {
      return Report.reconciling(Phase.Baking, Reasons.BAKING, Reasons.baking(id));
    }
    if (target == null) {
      // Running, and which step it is on not read (pushed events report its next state): no
      // claim beyond that it runs.
      return Report.reconciling(
          Phase.Deploying, Reasons.DEPLOYMENT_CREATED, Reasons.inProgress(id));
    }
    // The target is read after the deployment, so it can be a step ahead: green became ready for
    // the manual gate between the two reads.
    if ("Ready".equals(target.status())) {
      return Report.reconciling(
          Phase.AwaitingPromotion, Reasons.AWAITING_PROMOTION, Reasons.awaitingPromotion(id));
    }
    String current = currentEvent(target.lifecycleEvents()).orElse(null);
    if (current == null || DEPLOYING.contains(current)) {
      return Report.reconciling(
          Phase.Deploying, Reasons.DEPLOYMENT_CREATED, Reasons.deploying(id, current));
    }
    if (TEST_TRAFFIC.contains(current)) {
      return Report.reconciling(
          Phase.TestTraffic, Reasons.TEST_TRAFFIC, Reasons.testTraffic(id, current));
    }
    int green = traffic(deployment).green();
    return Report.reconciling(
        Phase.ShiftingTraffic, Reasons.TRAFFIC_SHIFTING, Reasons.shifting(green));
  }

  private static Report ended(DeploymentSnapshot deployment, DeploymentSnapshot rollback) {
    String cause = cause(deployment);
    if (deployment.rollbackDeploymentId() == null) {
      String reason =
          failedHook(deployment).isPresent() ? Reasons.HOOK_FAILED : Reasons.DEPLOYMENT_FAILED;
      return Report.stalled(Phase.Failed, reason, cause);
    }
    if (rollback == null || !rollback.state().ended()) {
      return Report.reconciling(
          Phase.RollingBack,
          Reasons.ROLLING_BACK,
          "Rolling back (deployment %s): %s".formatted(deployment.rollbackDeploymentId(), cause));
    }
    if (rollback.state() != DeploymentState.SUCCEEDED) {
      return Report.stalled(
          Phase.Failed,
          Reasons.DEPLOYMENT_FAILED,
          "Rollback deployment %s ended %s (%s): %s"
              .formatted(rollback.deploymentId(), rollback.state(), rollback.errorCode(), cause));
    }
    String reason = failedHook(deployment).isPresent() ? Reasons.HOOK_FAILED : Reasons.ROLLED_BACK;
    return Report.stalled(Phase.RolledBack, reason, "Rolled back: " + cause);
  }

  /** Why a deployment ended without success, naming the failed hook when there was one. */
  static String cause(DeploymentSnapshot deployment) {
    String code = deployment.errorCode() == null ? "UNKNOWN" : deployment.errorCode();
    String message = deployment.errorMessage() == null ? "no message" : deployment.errorMessage();
    return failedHook(deployment)
        .map(event -> Reasons.hookFailed(event, code, message))
        .orElseGet(
            () ->
                "MANUAL_STOP".equals(code)
                    ? Reasons.stopped(deployment.deploymentId(), code, message)
                    : Reasons.failed(deployment.deploymentId(), code, message));
  }

  static Optional<String> failedHook(DeploymentSnapshot deployment) {
    if (deployment.target() == null || !"HOOK_EXECUTION_FAILURE".equals(deployment.errorCode())) {
      return Optional.empty();
    }
    return deployment.target().lifecycleEvents().stream()
        .filter(e -> "Failed".equals(e.status()) && HOOK_EVENTS.contains(e.name()))
        .map(LifecycleEvent::name)
        .findFirst();
  }

  /**
   * The event in progress, else the last one that ran (Succeeded or Failed); empty before any ran.
   * A phase begins when its first event starts, never when the previous one ends: between two
   * events, and once a failure skipped the rest, the release stays in the phase it was in rather
   * than jumping ahead to the next pending event or back to Deploying.
   */
  static Optional<String> currentEvent(List<LifecycleEvent> events) {
    Optional<String> running =
        events.stream()
            .filter(e -> "InProgress".equals(e.status()))
            .map(LifecycleEvent::name)
            .findFirst();
    if (running.isPresent()) {
      return running;
    }
    String last = null;
    for (LifecycleEvent event : events) {
      if (RAN.contains(event.status())) {
        last = event.name();
      }
    }
    return Optional.ofNullable(last);
  }

  /**
   * Production traffic from the task sets' weights (the Green one), or the state's fixed split;
   * null for a running deployment whose target was not read, whose weights nothing tells.
   */
  public static TrafficSplit traffic(DeploymentSnapshot deployment) {
    var state = deployment.state();
    if (state == DeploymentState.SUCCEEDED || state == DeploymentState.BAKING) {
      return new TrafficSplit(0, 100);
    }
    boolean running = state == DeploymentState.IN_PROGRESS || state == DeploymentState.UNKNOWN;
    if (running && deployment.target() == null) {
      return null;
    }
    if (deployment.target() == null || deployment.target().taskSets() == null) {
      return new TrafficSplit(100, 0);
    }
    long green =
        Math.round(
            deployment.target().taskSets().stream()
                .filter(t -> "Green".equalsIgnoreCase(t.label()))
                .mapToDouble(DeploymentSnapshot.TaskSet::trafficWeight)
                .sum());
    int g = (int) Math.max(0, Math.min(100, green));
    return new TrafficSplit(100 - g, g);
  }
}
