package dev.ecsbluegreen.operator.reconciler.ecs;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.TrafficSplit;
import dev.ecsbluegreen.operator.aws.ServiceDeploymentSnapshot;
import dev.ecsbluegreen.operator.reconciler.Reasons;
import dev.ecsbluegreen.operator.reconciler.Report;
import java.util.Set;

/**
 * Maps what ECS reports about a service deployment (status, lifecycle stage, hooks, weights) to the
 * release's phase, conditions and traffic split. Pure.
 */
public final class ServiceDeploymentPhases {
  private static final Set<String> DEPLOYING =
      Set.of("RECONCILE_SERVICE", "PRE_SCALE_UP", "SCALE_UP", "POST_SCALE_UP");
  private static final Set<String> TEST_TRAFFIC =
      Set.of("TEST_TRAFFIC_SHIFT", "POST_TEST_TRAFFIC_SHIFT");
  private static final Set<String> BAKING = Set.of("BAKE_TIME", "CLEAN_UP");

  private ServiceDeploymentPhases() {}

  /**
   * The report for a service deployment of the current release.
   *
   * @param rollbackSeen whether an earlier look already saw the rollback; until then an ended
   *     rollback is reported as RollingBack, so the release shows it before its outcome
   * @param taskDefinition family:revision being released, for the messages
   */
  public static Report report(
      ServiceDeploymentSnapshot deployment, boolean rollbackSeen, String taskDefinition) {
    String id = deployment.deploymentId();
    if (deployment.rollingBack() && deployment.ended() && !rollbackSeen) {
      return rollingBack(deployment);
    }
    return switch (deployment.status()) {
      case "SUCCESSFUL" ->
          Report.ready(Reasons.DEPLOYMENT_SUCCEEDED, Reasons.succeeded(id, taskDefinition));
      case "ROLLBACK_SUCCESSFUL" ->
          Report.stalled(
              Phase.RolledBack, rolledBackReason(deployment), "Rolled back: " + cause(deployment));
      case "ROLLBACK_FAILED" ->
          Report.stalled(
              Phase.Failed,
              Reasons.DEPLOYMENT_FAILED,
              "ECS could not roll service deployment %s back: %s".formatted(id, cause(deployment)));
      case "STOPPED" ->
          Report.stalled(
              Phase.Failed,
              Reasons.DEPLOYMENT_FAILED,
              "Service deployment %s stopped without rollback: %s"
                  .formatted(id, cause(deployment)));
      case "STOP_REQUESTED", "ROLLBACK_REQUESTED", "ROLLBACK_IN_PROGRESS" ->
          rollingBack(deployment);
      case "PENDING" ->
          Report.reconciling(
              Phase.Deploying,
              Reasons.DEPLOYMENT_CREATED,
              "ECS service deployment %s created; starting the new revision".formatted(id));
      default -> inProgress(deployment);
    };
  }

  private static Report rollingBack(ServiceDeploymentSnapshot deployment) {
    return Report.reconciling(
        Phase.RollingBack,
        Reasons.ROLLING_BACK,
        "Rolling back (service deployment %s): %s"
            .formatted(deployment.deploymentId(), cause(deployment)));
  }

  private static Report inProgress(ServiceDeploymentSnapshot deployment) {
    String id = deployment.deploymentId();
    if (deployment.pauseHook() != null) {
      return Report.reconciling(
          Phase.AwaitingPromotion, Reasons.AWAITING_PROMOTION, Reasons.awaitingPromotion(id));
    }
    String stage = deployment.lifecycleStage();
    if (stage == null || DEPLOYING.contains(stage)) {
      return Report.reconciling(
          Phase.Deploying, Reasons.DEPLOYMENT_CREATED, Reasons.deploying(id, stage));
    }
    if (TEST_TRAFFIC.contains(stage)) {
      return Report.reconciling(
          Phase.TestTraffic, Reasons.TEST_TRAFFIC, Reasons.testTraffic(id, stage));
    }
    if (BAKING.contains(stage)) {
      return Report.reconciling(
          Phase.Baking,
          Reasons.BAKING,
          "Service deployment %s: production on the new revision, the old one kept for rollback"
                  .formatted(id)
              + " until the bake time ends");
    }
    return Report.reconciling(
        Phase.ShiftingTraffic,
        Reasons.TRAFFIC_SHIFTING,
        Reasons.shifting(traffic(deployment).green()));
  }

  /** Why ECS stopped or rolled the deployment back, in its own words. */
  static String cause(ServiceDeploymentSnapshot deployment) {
    String reason =
        deployment.rollbackReason() != null
            ? deployment.rollbackReason()
            : deployment.statusReason();
    String failedHook = failedHook(deployment);
    String text = reason == null ? "no reason given" : reason;
    return failedHook == null ? text : "%s hook failed: %s".formatted(failedHook, text);
  }

  private static String rolledBackReason(ServiceDeploymentSnapshot deployment) {
    return failedHook(deployment) != null ? Reasons.HOOK_FAILED : Reasons.ROLLED_BACK;
  }

  /** The function of a hook of the current stage that failed or timed out; null when none did. */
  private static String failedHook(ServiceDeploymentSnapshot deployment) {
    return deployment.hooks().stream()
        .filter(h -> "FAILED".equals(h.status()) || "TIMED_OUT".equals(h.status()))
        .map(h -> h.targetArn() == null ? h.hookId() : h.targetArn())
        .findFirst()
        .orElse(null);
  }

  /** Production traffic from the target revision's weight. */
  public static TrafficSplit traffic(ServiceDeploymentSnapshot deployment) {
    if ("SUCCESSFUL".equals(deployment.status())) {
      return new TrafficSplit(0, 100);
    }
    int green = (int) Math.max(0, Math.min(100, Math.round(deployment.productionWeight())));
    return new TrafficSplit(100 - green, green);
  }
}
