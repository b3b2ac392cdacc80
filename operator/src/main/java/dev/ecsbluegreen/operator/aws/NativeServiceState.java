package dev.ecsbluegreen.operator.aws;

/**
 * An ECS-controller service as the ECS engine reads it before deploying.
 *
 * @param service what every engine knows of a service (its controller above all)
 * @param targetGroupArn the target group of its first load balancer, or null without one
 * @param listenerRules the listener rules of that load balancer's {@code advancedConfiguration}, or
 *     null without one
 * @param current the service's current service deployment with the task definitions of its
 *     revisions, or null when the service has none
 */
public record NativeServiceState(
    ServiceState service,
    String targetGroupArn,
    ListenerRules listenerRules,
    ServiceDeploymentSnapshot current) {

  /**
   * The task definition the service serves production traffic from now: the target of a deployment
   * that succeeded, the source of one still under way or rolled back.
   */
  public String servingTaskDefinitionArn() {
    return servingArn();
  }

  /** The service as every engine sees it, with the revision it serves from as its own. */
  public ServiceState serving() {
    return new ServiceState(
        service.clusterName(),
        service.serviceName(),
        service.serviceArn(),
        service.status(),
        service.deploymentController(),
        servingArn());
  }

  private String servingArn() {
    if (current == null) {
      return service.taskDefinitionArn();
    }
    if ("SUCCESSFUL".equals(current.status()) || current.sourceTaskDefinitionArn() == null) {
      return current.targetTaskDefinitionArn();
    }
    return current.sourceTaskDefinitionArn();
  }
}
