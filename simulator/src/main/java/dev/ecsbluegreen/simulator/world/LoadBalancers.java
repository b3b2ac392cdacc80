package dev.ecsbluegreen.simulator.world;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Elastic Load Balancing side of the world: load balancers, their two listeners and their
 * target groups. There is no ELB API; CodeDeploy and ECS refer to these by name and ARN.
 */
public final class LoadBalancers {

  /** A load balancer with its production and test listener. */
  public record LoadBalancer(
      String name,
      String arn,
      String productionListenerArn,
      String testListenerArn,
      int requestedProductionPort,
      int requestedTestPort) {

    public String listenerArn(World.ListenerKind kind) {
      return kind == World.ListenerKind.PRODUCTION ? productionListenerArn : testListenerArn;
    }
  }

  /** A target group and the load balancer it belongs to. */
  public record TargetGroup(String name, String arn, String loadBalancer) {}

  private final Map<String, LoadBalancer> byName = new LinkedHashMap<>();
  private final Map<String, LoadBalancer> byListenerArn = new LinkedHashMap<>();
  private final Map<String, String> listenerByRuleArn = new LinkedHashMap<>();
  private final Map<String, TargetGroup> targetGroupsByName = new LinkedHashMap<>();
  private final Map<String, TargetGroup> targetGroupsByArn = new LinkedHashMap<>();

  LoadBalancers(World world, Arns arns) {
    for (var spec : world.loadBalancers()) {
      var lb =
          new LoadBalancer(
              spec.name(),
              arns.loadBalancer(spec.name()),
              arns.listener(spec.name(), World.ListenerKind.PRODUCTION),
              arns.listener(spec.name(), World.ListenerKind.TEST),
              spec.productionPort(),
              spec.testPort());
      byName.put(lb.name(), lb);
      byListenerArn.put(lb.productionListenerArn(), lb);
      byListenerArn.put(lb.testListenerArn(), lb);
      for (var kind : World.ListenerKind.values()) {
        listenerByRuleArn.put(arns.listenerRule(spec.name(), kind), lb.listenerArn(kind));
      }
      for (String tg : spec.targetGroups()) {
        var targetGroup = new TargetGroup(tg, arns.targetGroup(tg), lb.name());
        targetGroupsByName.put(tg, targetGroup);
        targetGroupsByArn.put(targetGroup.arn(), targetGroup);
      }
    }
  }

  public Collection<LoadBalancer> all() {
    return byName.values();
  }

  public Optional<LoadBalancer> byName(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Optional<LoadBalancer> byListenerArn(String arn) {
    return Optional.ofNullable(byListenerArn.get(arn));
  }

  /**
   * The listener an ECS native deployment's "listener rule" stands for: the listener of a rule ARN
   * (ALB) or the listener ARN itself (NLB), if either exists.
   */
  public Optional<String> listenerOfRule(String ruleOrListenerArn) {
    if (byListenerArn.containsKey(ruleOrListenerArn)) {
      return Optional.of(ruleOrListenerArn);
    }
    return Optional.ofNullable(listenerByRuleArn.get(ruleOrListenerArn));
  }

  public Collection<TargetGroup> targetGroups() {
    return targetGroupsByName.values();
  }

  public Optional<TargetGroup> targetGroup(String name) {
    return Optional.ofNullable(targetGroupsByName.get(name));
  }

  public Optional<TargetGroup> targetGroupByArn(String arn) {
    return Optional.ofNullable(targetGroupsByArn.get(arn));
  }
}
