package dev.ecsbluegreen.operator.aws;

import java.util.List;

/**
 * A deployment group in the terms the operator manages; compared field by field to find drift.
 *
 * @param readyAction CONTINUE_DEPLOYMENT or STOP_DEPLOYMENT (STOP_DEPLOYMENT: manual promotion)
 * @param readyWaitMinutes minutes the group waits for a promote, or null
 */
public record DeploymentGroupState(
    String application,
    String deploymentGroup,
    String serviceRoleArn,
    String clusterName,
    String serviceName,
    List<String> targetGroups,
    List<String> productionListenerArns,
    List<String> testListenerArns,
    int terminationWaitMinutes,
    String readyAction,
    Integer readyWaitMinutes,
    List<String> autoRollbackEvents,
    List<String> alarms,
    List<Trigger> triggers) {

  /** An SNS trigger. */
  public record Trigger(String name, String targetArn, List<String> events) {}
}
