package dev.ecsbluegreen.simulator.world;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An ECS service's {@code deploymentConfiguration} as the simulator runs it: the strategy, bake
 * time, lifecycle hooks, the linear or canary steps and the alarms, with ECS's defaults filled in.
 * {@link #parse} applies ECS's validation and names the member that is wrong.
 */
public record DeploymentSettings(
    String strategy,
    int bakeTimeInMinutes,
    List<LifecycleHookSpec> lifecycleHooks,
    double stepPercent,
    int stepBakeTimeInMinutes,
    double canaryPercent,
    int canaryBakeTimeInMinutes,
    AlarmSpec alarms) {

  /** The hookable stages, in the order a deployment reaches them. */
  public static final List<String> HOOK_STAGES =
      List.of(
          "RECONCILE_SERVICE",
          "PRE_SCALE_UP",
          "POST_SCALE_UP",
          "TEST_TRAFFIC_SHIFT",
          "POST_TEST_TRAFFIC_SHIFT",
          "PRE_PRODUCTION_TRAFFIC_SHIFT",
          "PRODUCTION_TRAFFIC_SHIFT",
          "POST_PRODUCTION_TRAFFIC_SHIFT");

  private static final Set<String> STRATEGIES = Set.of("ROLLING", "BLUE_GREEN", "LINEAR", "CANARY");
  private static final Set<String> NO_PAUSE_STAGES =
      Set.of("TEST_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT");

  /** ECS's default for a service created without a deployment configuration. */
  public static final DeploymentSettings ROLLING =
      new DeploymentSettings("ROLLING", 0, List.of(), 10, 6, 5, 10, AlarmSpec.NONE);

  /** A lifecycle hook: a Lambda function (or a PAUSE) run at each of its stages. */
  public record LifecycleHookSpec(
      String targetType,
      String hookTargetArn,
      String roleArn,
      List<String> lifecycleStages,
      JsonNode hookDetails,
      int timeoutInMinutes,
      String timeoutAction) {

    public boolean isPause() {
      return "PAUSE".equals(targetType);
    }

    public Duration timeout() {
      return Duration.ofMinutes(timeoutInMinutes);
    }
  }

  /** The deployment's CloudWatch alarms: watched when enabled, rolled back on when asked. */
  public record AlarmSpec(List<String> alarmNames, boolean enable, boolean rollback) {
    public static final AlarmSpec NONE = new AlarmSpec(List.of(), false, false);

    public boolean watched() {
      return enable && !alarmNames.isEmpty();
    }
  }

  public boolean isTrafficShifting() {
    return !"ROLLING".equals(strategy);
  }

  /** The target revision's production weight after each step of PRODUCTION_TRAFFIC_SHIFT. */
  public List<Double> productionSteps() {
    return switch (strategy) {
      case "LINEAR" -> {
        var steps = new ArrayList<Double>();
        for (double w = stepPercent; w < 100 - 1e-9; w += stepPercent) {
          steps.add(Math.round(w * 10) / 10.0);
        }
        steps.add(100.0);
        yield steps;
      }
      case "CANARY" -> canaryPercent >= 100 ? List.of(100.0) : List.of(canaryPercent, 100.0);
      default -> List.of(100.0);
    };
  }

  /** The wait between two production steps. */
  public Duration stepBake() {
    return Duration.ofMinutes(
        switch (strategy) {
          case "LINEAR" -> stepBakeTimeInMinutes;
          case "CANARY" -> canaryBakeTimeInMinutes;
          default -> 0;
        });
  }

  public Duration bakeTime() {
    return Duration.ofMinutes(bakeTimeInMinutes);
  }

  public List<LifecycleHookSpec> hooksAt(String stage) {
    return lifecycleHooks.stream().filter(h -> h.lifecycleStages().contains(stage)).toList();
  }

  /** Reads {@code deploymentConfiguration} as UpdateService and CreateService receive it. */
  public static DeploymentSettings parse(JsonNode in) {
    if (in == null || in.isNull() || in.isMissingNode()) {
      return ROLLING;
    }
    String strategy = in.path("strategy").asText("ROLLING");
    if (!STRATEGIES.contains(strategy)) {
      throw invalid(
          "deploymentConfiguration.strategy must be one of ROLLING, BLUE_GREEN, LINEAR, CANARY,"
              + " not "
              + strategy);
    }
    int bake = minutes(in, "bakeTimeInMinutes", 0, "deploymentConfiguration.bakeTimeInMinutes");
    var hooks = new ArrayList<LifecycleHookSpec>();
    JsonNode hookList = in.path("lifecycleHooks");
    for (int i = 0; i < hookList.size(); i++) {
      hooks.add(hook(hookList.get(i), "deploymentConfiguration.lifecycleHooks[" + i + "]"));
    }
    if (!hooks.isEmpty() && "ROLLING".equals(strategy)) {
      throw invalid(
          "deploymentConfiguration.lifecycleHooks need a BLUE_GREEN, LINEAR or CANARY"
              + " strategy");
    }
    JsonNode linear = in.path("linearConfiguration");
    double stepPercent =
        percent(linear, "stepPercent", 10, 3.0, "deploymentConfiguration.linearConfiguration");
    int stepBake =
        minutes(
            linear,
            "stepBakeTimeInMinutes",
            6,
            "deploymentConfiguration.linearConfiguration.stepBakeTimeInMinutes");
    JsonNode canary = in.path("canaryConfiguration");
    double canaryPercent =
        percent(canary, "canaryPercent", 5, 0.1, "deploymentConfiguration.canaryConfiguration");
    int canaryBake =
        minutes(
            canary,
            "canaryBakeTimeInMinutes",
            10,
            "deploymentConfiguration.canaryConfiguration.canaryBakeTimeInMinutes");
    JsonNode alarms = in.path("alarms");
    var alarmNames = new ArrayList<String>();
    alarms.path("alarmNames").forEach(n -> alarmNames.add(n.asText()));
    var alarmSpec =
        alarms.isObject()
            ? new AlarmSpec(
                List.copyOf(alarmNames),
                alarms.path("enable").asBoolean(false),
                alarms.path("rollback").asBoolean(false))
            : AlarmSpec.NONE;
    return new DeploymentSettings(
        strategy,
        bake,
        List.copyOf(hooks),
        stepPercent,
        stepBake,
        canaryPercent,
        canaryBake,
        alarmSpec);
  }

  private static LifecycleHookSpec hook(JsonNode h, String where) {
    String type = h.path("targetType").asText("AWS_LAMBDA");
    if (!type.equals("AWS_LAMBDA") && !type.equals("PAUSE")) {
      throw invalid(where + ".targetType must be AWS_LAMBDA or PAUSE, not " + type);
    }
    String target = h.hasNonNull("hookTargetArn") ? h.get("hookTargetArn").asText() : null;
    String role = h.hasNonNull("roleArn") ? h.get("roleArn").asText() : null;
    if (type.equals("AWS_LAMBDA")) {
      if (target == null
          || !target.startsWith("arn:aws:lambda:")
          || !target.contains(":function:")) {
        throw invalid(where + ".hookTargetArn must be a Lambda function ARN, not " + target);
      }
      if (role == null || !role.matches("arn:aws:iam::\\d{12}:role/.+")) {
        throw invalid(where + ".roleArn must be an IAM role ARN, not " + role);
      }
    }
    var stages = new ArrayList<String>();
    h.path("lifecycleStages").forEach(s -> stages.add(s.asText()));
    if (stages.isEmpty()) {
      throw invalid(where + ".lifecycleStages must name at least one stage");
    }
    for (String stage : stages) {
      if (!HOOK_STAGES.contains(stage)) {
        throw invalid(
            where
                + ".lifecycleStages: "
                + stage
                + " is not one of "
                + String.join(", ", HOOK_STAGES));
      }
      if (type.equals("PAUSE") && NO_PAUSE_STAGES.contains(stage)) {
        throw invalid(where + ": a PAUSE hook cannot run at " + stage);
      }
    }
    JsonNode timeout = h.path("timeoutConfiguration");
    int timeoutMinutes = timeout.path("timeoutInMinutes").asInt(1440);
    if (timeoutMinutes < 1 || timeoutMinutes > 20160) {
      throw invalid(
          where
              + ".timeoutConfiguration.timeoutInMinutes must be between 1 and 20160, not "
              + timeoutMinutes);
    }
    String action = timeout.path("action").asText("ROLLBACK");
    if (!action.equals("ROLLBACK") && !action.equals("CONTINUE")) {
      throw invalid(
          where + ".timeoutConfiguration.action must be ROLLBACK or CONTINUE, not " + action);
    }
    JsonNode details = h.hasNonNull("hookDetails") ? h.get("hookDetails").deepCopy() : null;
    return new LifecycleHookSpec(
        type, target, role, List.copyOf(stages), details, timeoutMinutes, action);
  }

  private static int minutes(JsonNode in, String field, int absent, String name) {
    if (!in.hasNonNull(field)) {
      return absent;
    }
    int value = in.get(field).asInt();
    if (value < 0 || value > 1440) {
      throw invalid(name + " must be between 0 and 1440, not " + value);
    }
    return value;
  }

  private static double percent(JsonNode in, String field, double absent, double min, String name) {
    if (!in.hasNonNull(field)) {
      return absent;
    }
    double value = in.get(field).asDouble();
    if (value < min || value > 100) {
      throw invalid(name + "." + field + " must be between " + min + " and 100.0, not " + value);
    }
    return value;
  }

  private static AwsException invalid(String message) {
    return AwsException.client("InvalidParameterException", message);
  }
}
