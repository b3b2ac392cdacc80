package dev.ecsbluegreen.simulator.world;

/**
 * A load balancer entry of an ECS-controller service with {@code advancedConfiguration}: the target
 * group pair ECS swaps between, the listeners its rules stand for and the infrastructure role.
 * Built only by {@link NativeLoadBalancerRules}, which checks each part exists.
 */
public record NativeLoadBalancer(
    String targetGroupArn,
    String alternateTargetGroupArn,
    String productionListenerRule,
    String testListenerRule,
    String roleArn,
    String containerName,
    int containerPort,
    String targetGroupName,
    String alternateTargetGroupName,
    String productionListenerArn,
    String testListenerArn) {

  /** The other group of the pair: where the next revision's tasks go. */
  public String otherGroup(String targetGroupName) {
    return targetGroupName.equals(this.targetGroupName)
        ? alternateTargetGroupName
        : this.targetGroupName;
  }

  public String targetGroupArnOf(String targetGroupName) {
    return targetGroupName.equals(this.targetGroupName) ? targetGroupArn : alternateTargetGroupArn;
  }
}
