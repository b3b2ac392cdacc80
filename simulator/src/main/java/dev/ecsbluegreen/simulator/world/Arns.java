package dev.ecsbluegreen.simulator.world;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Builds the ARNs of simulated resources in the formats AWS uses. */
public record Arns(String region, String account) {

  public String taskDefinition(String family, int revision) {
    return "arn:aws:ecs:%s:%s:task-definition/%s:%d".formatted(region, account, family, revision);
  }

  public String cluster(String name) {
    return "arn:aws:ecs:%s:%s:cluster/%s".formatted(region, account, name);
  }

  public String service(String cluster, String name) {
    return "arn:aws:ecs:%s:%s:service/%s/%s".formatted(region, account, cluster, name);
  }

  public String taskSet(String cluster, String service, String taskSetId) {
    return "arn:aws:ecs:%s:%s:task-set/%s/%s/%s"
        .formatted(region, account, cluster, service, taskSetId);
  }

  public String loadBalancer(String name) {
    return "arn:aws:elasticloadbalancing:%s:%s:loadbalancer/app/%s/%s"
        .formatted(region, account, name, hex16(name));
  }

  public String listener(String loadBalancer, World.ListenerKind kind) {
    return "arn:aws:elasticloadbalancing:%s:%s:listener/app/%s/%s/%s"
        .formatted(region, account, loadBalancer, hex16(loadBalancer), hex16(loadBalancer + kind));
  }

  /** The listener rule ECS native deployments name; the simulator has one per listener. */
  public String listenerRule(String loadBalancer, World.ListenerKind kind) {
    return "arn:aws:elasticloadbalancing:%s:%s:listener-rule/app/%s/%s/%s/%s"
        .formatted(
            region,
            account,
            loadBalancer,
            hex16(loadBalancer),
            hex16(loadBalancer + kind),
            hex16("rule/" + loadBalancer + kind));
  }

  public String serviceRevision(String cluster, String service, long number) {
    return "arn:aws:ecs:%s:%s:service-revision/%s/%s/%d"
        .formatted(region, account, cluster, service, number);
  }

  public String serviceDeployment(String cluster, String service, String id) {
    return "arn:aws:ecs:%s:%s:service-deployment/%s/%s/%s"
        .formatted(region, account, cluster, service, id);
  }

  public String targetGroup(String name) {
    return "arn:aws:elasticloadbalancing:%s:%s:targetgroup/%s/%s"
        .formatted(region, account, name, hex16("tg/" + name));
  }

  public String application(String name) {
    return "arn:aws:codedeploy:%s:%s:application:%s".formatted(region, account, name);
  }

  public String deploymentGroup(String application, String group) {
    return "arn:aws:codedeploy:%s:%s:deploymentgroup:%s/%s"
        .formatted(region, account, application, group);
  }

  public String deploymentConfig(String name) {
    return "arn:aws:codedeploy:%s:%s:deploymentconfig:%s".formatted(region, account, name);
  }

  public String lambdaFunction(String name) {
    return "arn:aws:lambda:%s:%s:function:%s".formatted(region, account, name);
  }

  /** A stable 16-hex-digit suffix, so ARNs stay the same from one run to the next. */
  private static String hex16(String seed) {
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8))
        .toString()
        .replace("-", "")
        .substring(0, 16);
  }
}
