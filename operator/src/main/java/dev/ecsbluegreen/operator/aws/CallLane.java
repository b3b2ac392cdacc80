package dev.ecsbluegreen.operator.aws;

import java.util.Set;

/**
 * Which share of the request budget an AWS call draws on. Calls about a deployment that already
 * runs (reading its state and its ECS target, continuing or stopping it) decide when a release's
 * status moves and when a rollback starts, so they get most of the budget ahead of the calls that
 * prepare new deployments (reading services, groups and task definitions, registering revisions,
 * creating deployments), which a burst of new releases makes by the thousand. The preparing calls
 * keep a share of their own ({@link LaneSplit}), so they are never starved either.
 */
enum CallLane {
  /** About a deployment in flight: waits in the operator for its lane's next token if it must. */
  IN_FLIGHT,
  /** Preparing a deployment: sent only with a token free now, else its pass comes back later. */
  PREPARING;

  /**
   * The operations about a deployment that exists, by the SDK's operation name. CloudWatch's
   * GetMetricData reads the metrics of a running deployment's analysis, and ELB's two reads find
   * the listener an analysis check sends its requests to. Everything else prepares.
   */
  private static final Set<String> IN_FLIGHT_OPERATIONS =
      Set.of(
          "BatchGetDeployments",
          "GetDeployment",
          "ListDeploymentTargets",
          "BatchGetDeploymentTargets",
          "GetDeploymentTarget",
          "ContinueDeployment",
          "StopDeployment",
          "DescribeServiceDeployments",
          "DescribeServiceRevisions",
          "ContinueServiceDeployment",
          "StopServiceDeployment",
          "GetMetricData",
          "DescribeListeners",
          "DescribeLoadBalancers");

  static CallLane of(String operation) {
    return IN_FLIGHT_OPERATIONS.contains(operation) ? IN_FLIGHT : PREPARING;
  }

  /** The lane as a metric tag: {@code in_flight} or {@code preparing}. */
  String tag() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
