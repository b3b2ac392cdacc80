package dev.ecsbluegreen.operator.reconciler;

/**
 * Condition reasons (PascalCase categories) with the message formats that go with them. Reasons
 * name what happened; the message says the specifics a person needs to act.
 */
public final class Reasons {
  public static final String DEPLOYMENT_REQUESTED = "DeploymentRequested";
  public static final String REGISTERING_TASK_DEFINITION = "RegisteringTaskDefinition";
  public static final String DEPLOYMENT_CREATED = "DeploymentCreated";
  public static final String TEST_TRAFFIC = "TestTraffic";
  public static final String AWAITING_PROMOTION = "AwaitingPromotion";
  public static final String TRAFFIC_SHIFTING = "TrafficShifting";
  public static final String BAKING = "Baking";
  public static final String DEPLOYMENT_SUCCEEDED = "DeploymentSucceeded";
  public static final String NOTHING_TO_DEPLOY = "NothingToDeploy";
  public static final String ROLLING_BACK = "RollingBack";
  public static final String ROLLED_BACK = "RolledBack";
  public static final String HOOK_FAILED = "HookFailed";
  public static final String DEPLOYMENT_FAILED = "DeploymentFailed";
  public static final String SUPERSEDED = "Superseded";
  public static final String DEPLOYMENT_GROUP_BUSY = "DeploymentGroupBusy";
  public static final String SERVICE_BUSY = "ServiceBusy";
  public static final String CONTROLLER_MISMATCH = "DeploymentControllerMismatch";
  public static final String DEPLOYMENT_GROUP_NOT_FOUND = "DeploymentGroupNotFound";
  public static final String DEPLOYMENT_GROUP_UPDATED = "DeploymentGroupUpdated";
  public static final String MANUAL_PROMOTION_UNSUPPORTED = "ManualPromotionUnsupported";
  public static final String BAKE_TOO_SHORT = "BakeTooShort";
  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String AWS_THROTTLED = "AwsThrottled";
  public static final String AWS_UNAVAILABLE = "AwsUnavailable";
  public static final String AWS_ACCESS_DENIED = "AwsAccessDenied";
  public static final String WAITING_FOR_REQUEST_BUDGET = "WaitingForRequestBudget";
  public static final String ACTION_APPLIED = "ActionApplied";
  public static final String ACTION_IGNORED = "ActionIgnored";

  private Reasons() {}

  public static String deploymentCreated(String id) {
    return "CodeDeploy deployment %s created; installing green".formatted(id);
  }

  public static String deploying(String id, String event) {
    return event == null
        ? "Deployment %s is installing green".formatted(id)
        : "Deployment %s: %s in progress".formatted(id, event);
  }

  public static String inProgress(String id) {
    return "Deployment %s in progress (its current step and traffic not read)".formatted(id);
  }

  public static String testTraffic(String id, String event) {
    return "Deployment %s: test traffic on green (%s)".formatted(id, event);
  }

  public static String awaitingPromotion(String id) {
    return ("Deployment %s: green is ready; annotate ecs.bluegreen.dev/promote to shift production"
            + " traffic")
        .formatted(id);
  }

  public static String shifting(int green) {
    return "%d%% of production traffic on green".formatted(green);
  }

  public static String baking(String id) {
    return ("Deployment %s: production on green, blue kept for rollback (annotate"
            + " ecs.bluegreen.dev/skip-bake to end the wait)")
        .formatted(id);
  }

  public static String succeeded(String id, String taskDefinition) {
    return "Deployment %s succeeded: the service runs %s".formatted(id, taskDefinition);
  }

  public static String nothingToDeploy(String taskDefinition) {
    return "Nothing changed: the service already runs %s".formatted(taskDefinition);
  }

  public static String hookFailed(String event, String code, String message) {
    return "%s hook failed (%s): %s".formatted(event, code, message);
  }

  public static String failed(String id, String code, String message) {
    return "Deployment %s failed (%s): %s".formatted(id, code, message);
  }

  public static String stopped(String id, String code, String message) {
    return "Deployment %s was stopped on request (%s): %s".formatted(id, code, message);
  }

  public static String notCodeDeploy(String service, String controller) {
    return ("ECS service %s uses deployment controller %s; only services with the CODE_DEPLOY"
            + " controller can be released through CodeDeploy. To release it with ECS's own"
            + " blue/green deployments, replace spec.codeDeploy with spec.ecs (see"
            + " docs/migrating-to-ecs-native.md)")
        .formatted(service, controller);
  }

  public static String notEcsController(String service, String controller) {
    return ("ECS service %s uses deployment controller %s; spec.ecs releases only services with"
            + " the ECS controller. Migrate the service first (UpdateService with"
            + " deploymentController type ECS and its load balancer's advancedConfiguration, see"
            + " docs/migrating-to-ecs-native.md), or release it with spec.codeDeploy")
        .formatted(service, controller);
  }

  public static String busy(String id, String description) {
    return ("Deployment group already has active deployment %s (%s); waiting for it to end"
            + " before deploying")
        .formatted(
            id, description == null || description.isBlank() ? "no description" : description);
  }

  public static String superseded(String id, long generation) {
    return "Rolling back deployment %s before deploying generation %d".formatted(id, generation);
  }
}
