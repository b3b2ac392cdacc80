package dev.ecsbluegreen.operator.aws;

import java.time.Instant;
import java.util.List;

/**
 * One read of a deployment and its ECS target.
 *
 * @param deploymentConfig the deployment configuration in effect: the one CreateDeployment named,
 *     or the group's when it named none
 * @param creator user, codeDeployRollback, ...
 * @param errorCode errorInformation.code (HOOK_EXECUTION_FAILURE, MANUAL_STOP, ALARM_ACTIVE, ...)
 * @param rollbackDeploymentId the deployment CodeDeploy created to roll this one back
 * @param rollbackTriggeringDeploymentId for a rollback deployment: the one it rolls back
 * @param target the ECS target, or null before the deployment started
 * @param waits the group's ready and termination waits, as copied into the deployment at creation
 */
public record DeploymentSnapshot(
    String deploymentId,
    String application,
    String deploymentGroup,
    String deploymentConfig,
    DeploymentState state,
    String description,
    String creator,
    Instant createTime,
    Instant completeTime,
    String errorCode,
    String errorMessage,
    String rollbackDeploymentId,
    String rollbackTriggeringDeploymentId,
    String rollbackMessage,
    EcsTarget target,
    Waits waits)
    implements TrackedDeployment {

  @Override
  public String status() {
    return state.name();
  }

  @Override
  public boolean ended() {
    return state.ended();
  }

  @Override
  public boolean awaitingPromotion() {
    return state == DeploymentState.READY;
  }

  @Override
  public List<LifecycleEvent> lifecycleEvents() {
    return target == null ? null : target.lifecycleEvents();
  }

  @Override
  public String greenTargetGroup() {
    if (target == null || target.taskSets() == null) {
      return null;
    }
    return target.taskSets().stream()
        .filter(t -> "Green".equalsIgnoreCase(t.label()) && t.targetGroup() != null)
        .map(TaskSet::targetGroup)
        .findFirst()
        .orElse(null);
  }

  /**
   * A deployment as the CreateDeployment request that just created it describes it, before any
   * read: created, not started, in the configuration the request named. Its waits are left unknown
   * (null, read as none) until a read gives the group's.
   *
   * @param sentAt when the request was sent: CodeDeploy's create time is no earlier, bar skew
   */
  public static DeploymentSnapshot created(
      String deploymentId, DeploymentRequest request, Instant sentAt) {
    return new DeploymentSnapshot(
        deploymentId,
        request.application(),
        request.deploymentGroup(),
        request.deploymentConfig(),
        DeploymentState.CREATED,
        request.description(),
        null,
        sentAt,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** The same read with another ECS target (or none). */
  public DeploymentSnapshot withTarget(EcsTarget value) {
    return new DeploymentSnapshot(
        deploymentId,
        application,
        deploymentGroup,
        deploymentConfig,
        state,
        description,
        creator,
        createTime,
        completeTime,
        errorCode,
        errorMessage,
        rollbackDeploymentId,
        rollbackTriggeringDeploymentId,
        rollbackMessage,
        value,
        waits);
  }

  /** The same read in another state, e.g. as an event reported it. */
  public DeploymentSnapshot withState(DeploymentState value, Instant completedAt) {
    return new DeploymentSnapshot(
        deploymentId,
        application,
        deploymentGroup,
        deploymentConfig,
        value,
        description,
        creator,
        createTime,
        completedAt,
        errorCode,
        errorMessage,
        rollbackDeploymentId,
        rollbackTriggeringDeploymentId,
        rollbackMessage,
        target,
        waits);
  }

  /** Whether CodeDeploy started this deployment to roll another back: no release owns it. */
  public boolean isRollback() {
    return rollbackTriggeringDeploymentId != null || "codeDeployRollback".equals(creator);
  }

  /**
   * The waits CodeDeploy copied from the group into the deployment when it was created.
   *
   * @param readyWaitMinutes how long the manual gate holds before CodeDeploy stops the deployment;
   *     null when the deployment reroutes without waiting
   * @param terminationWaitMinutes how long blue is kept after traffic reached green (0 to 2880)
   */
  public record Waits(Integer readyWaitMinutes, int terminationWaitMinutes) {
    /** What CodeDeploy does when the group says nothing: no gate, blue removed at once. */
    public static final Waits NONE = new Waits(null, 0);
  }

  /** The deployment's ECS target: lifecycle events in order and the blue and green task sets. */
  public record EcsTarget(
      String status, List<LifecycleEvent> lifecycleEvents, List<TaskSet> taskSets) {}

  /** One lifecycle event (BeforeInstall ... AfterAllowTraffic). */
  public record LifecycleEvent(String name, String status, Instant startTime, Instant endTime) {}

  /**
   * One task set of the target.
   *
   * @param label Blue or Green
   * @param trafficWeight percent of production traffic
   */
  public record TaskSet(
      String label,
      String status,
      double trafficWeight,
      long desiredCount,
      long runningCount,
      String targetGroup) {}
}
