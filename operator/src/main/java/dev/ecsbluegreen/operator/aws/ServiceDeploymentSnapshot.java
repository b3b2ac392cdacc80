package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.aws.DeploymentSnapshot.LifecycleEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One read of an ECS service deployment (DescribeServiceDeployments).
 *
 * @param status PENDING, IN_PROGRESS, SUCCESSFUL, STOP_REQUESTED, STOPPED, ROLLBACK_REQUESTED,
 *     ROLLBACK_IN_PROGRESS, ROLLBACK_SUCCESSFUL or ROLLBACK_FAILED
 * @param lifecycleStage the stage in progress (SCALE_UP, TEST_TRAFFIC_SHIFT, BAKE_TIME, ...)
 * @param updateTime when ECS last changed the deployment (a stage entered, a traffic step, a hook
 *     answered): the start of whatever it waits on now
 * @param productionWeight percent of production traffic on the target revision
 * @param hooks the lifecycle hooks of the stage in progress
 * @param rollbackReason why ECS rolls the deployment back, when it does
 * @param strategy how the deployment moves production traffic and how long it bakes; null when ECS
 *     did not say
 * @param targetTaskDefinitionArn the target revision's task definition; null unless asked for
 * @param sourceTaskDefinitionArn the source revision's task definition; null unless asked for
 */
public record ServiceDeploymentSnapshot(
    String deploymentId,
    String status,
    String statusReason,
    String lifecycleStage,
    Instant createTime,
    Instant updateTime,
    Instant completeTime,
    double productionWeight,
    List<Hook> hooks,
    String rollbackReason,
    List<String> triggeredAlarms,
    Strategy strategy,
    String targetTaskDefinitionArn,
    String sourceTaskDefinitionArn)
    implements TrackedDeployment {

  private static final Set<String> ENDED =
      Set.of("SUCCESSFUL", "STOPPED", "ROLLBACK_SUCCESSFUL", "ROLLBACK_FAILED");

  /** The stages of a service deployment in the order ECS runs them, for the status. */
  private static final List<String> STAGES =
      List.of(
          "RECONCILE_SERVICE",
          "PRE_SCALE_UP",
          "SCALE_UP",
          "POST_SCALE_UP",
          "TEST_TRAFFIC_SHIFT",
          "POST_TEST_TRAFFIC_SHIFT",
          "PRODUCTION_TRAFFIC_SHIFT",
          "POST_PRODUCTION_TRAFFIC_SHIFT",
          "BAKE_TIME",
          "CLEAN_UP");

  public ServiceDeploymentSnapshot {
    hooks = hooks == null ? List.of() : List.copyOf(hooks);
    triggeredAlarms = triggeredAlarms == null ? List.of() : List.copyOf(triggeredAlarms);
  }

  /**
   * A lifecycle hook of the stage in progress.
   *
   * @param targetType AWS_LAMBDA or PAUSE
   * @param status AWAITING_ACTION, IN_PROGRESS, SUCCEEDED, FAILED or TIMED_OUT
   */
  public record Hook(String hookId, String targetType, String targetArn, String status) {
    public boolean isPause() {
      return "PAUSE".equals(targetType);
    }
  }

  /**
   * How a service deployment moves production traffic, from its {@code deploymentConfiguration}.
   *
   * @param name BLUE_GREEN, LINEAR or CANARY (ROLLING for a deployment not made by the operator)
   * @param bakeTimeMinutes how long both revisions are kept once production traffic moved
   * @param stepPercent the share of production traffic each LINEAR step moves, or the CANARY share
   * @param stepBakeMinutes the wait after each LINEAR step, or after the CANARY share
   */
  public record Strategy(
      String name, Integer bakeTimeMinutes, Double stepPercent, Integer stepBakeMinutes) {

    /** How the status shows it: BLUE_GREEN, LINEAR 10% every 6 min, CANARY 5% for 10 min. */
    public String describe() {
      if (stepPercent == null || stepBakeMinutes == null) {
        return name;
      }
      String percent = BigDecimal.valueOf(stepPercent).stripTrailingZeros().toPlainString();
      return switch (name) {
        case "LINEAR" -> "LINEAR %s%% every %d min".formatted(percent, stepBakeMinutes);
        case "CANARY" -> "CANARY %s%% for %d min".formatted(percent, stepBakeMinutes);
        default -> name;
      };
    }
  }

  /** The same read with the task definitions of its target and source revisions. */
  public ServiceDeploymentSnapshot withTaskDefinitions(String target, String source) {
    return new ServiceDeploymentSnapshot(
        deploymentId,
        status,
        statusReason,
        lifecycleStage,
        createTime,
        updateTime,
        completeTime,
        productionWeight,
        hooks,
        rollbackReason,
        triggeredAlarms,
        strategy,
        target,
        source);
  }

  @Override
  public boolean ended() {
    return ENDED.contains(status);
  }

  @Override
  public boolean awaitingPromotion() {
    return pauseHook() != null;
  }

  /** The PAUSE hook waiting for ContinueServiceDeployment, if the deployment holds at one. */
  public Hook pauseHook() {
    if (!"IN_PROGRESS".equals(status)) {
      return null;
    }
    return hooks.stream()
        .filter(h -> h.isPause() && "AWAITING_ACTION".equals(h.status()))
        .findFirst()
        .orElse(null);
  }

  /** Whether ECS is rolling the deployment back or has. */
  public boolean rollingBack() {
    return status.startsWith("ROLLBACK_") || "STOP_REQUESTED".equals(status);
  }

  /**
   * ECS rolls a service deployment back within itself, so the deployment that rolls it back is the
   * same one, named once ECS started to: the core then reports RollingBack the first time it sees a
   * rollback, and its outcome on the next look, however fast ECS finished it.
   */
  @Override
  public String rollbackDeploymentId() {
    return rollingBack() ? deploymentId : null;
  }

  @Override
  public String deploymentConfig() {
    return strategy == null ? null : strategy.describe();
  }

  /**
   * The stages as lifecycle events: the ones passed Succeeded, the one in progress InProgress (or
   * Failed when the deployment rolled back there), the rest Pending; then the hooks of the stage in
   * progress, named by their function.
   */
  @Override
  public List<LifecycleEvent> lifecycleEvents() {
    int current = lifecycleStage == null ? -1 : STAGES.indexOf(lifecycleStage);
    boolean succeeded = "SUCCESSFUL".equals(status);
    var events = new java.util.ArrayList<LifecycleEvent>();
    for (int i = 0; i < STAGES.size(); i++) {
      String stageStatus;
      if (succeeded || i < current) {
        stageStatus = "Succeeded";
      } else if (i == current) {
        stageStatus = rollingBack() ? "Failed" : ended() ? "Succeeded" : "InProgress";
      } else {
        stageStatus = "Pending";
      }
      events.add(new LifecycleEvent(STAGES.get(i), stageStatus, null, null));
    }
    for (Hook hook : hooks) {
      events.add(new LifecycleEvent(hookName(hook), hookStatus(hook.status()), null, null));
    }
    return events;
  }

  private static String hookName(Hook hook) {
    if (hook.isPause()) {
      return "PauseHook";
    }
    String arn = hook.targetArn() == null ? hook.hookId() : hook.targetArn();
    int function = arn.indexOf(":function:");
    return "Hook " + (function < 0 ? arn : arn.substring(function + ":function:".length()));
  }

  private static String hookStatus(String status) {
    return switch (status == null ? "" : status) {
      case "AWAITING_ACTION" -> "Pending";
      case "IN_PROGRESS" -> "InProgress";
      case "SUCCEEDED" -> "Succeeded";
      case "FAILED", "TIMED_OUT" -> "Failed";
      default -> "Unknown";
    };
  }
}
