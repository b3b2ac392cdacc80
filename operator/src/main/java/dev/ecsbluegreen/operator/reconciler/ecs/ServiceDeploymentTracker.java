package dev.ecsbluegreen.operator.reconciler.ecs;

import dev.ecsbluegreen.operator.aws.ServiceDeploymentGateway;
import dev.ecsbluegreen.operator.aws.ServiceDeploymentSnapshot;
import java.util.List;

/**
 * The one component that reads the state of ECS service deployments: every pass that follows one
 * goes through {@link #track}, so a shared batched reader or pushed events can replace it here
 * without touching the engine. ECS rolls a deployment back within itself, so one ARN is all a
 * release follows.
 */
public final class ServiceDeploymentTracker {

  /** The service deployment, or null when ECS no longer knows it. */
  public ServiceDeploymentSnapshot track(ServiceDeploymentGateway ecs, String arn) {
    return ecs.describeServiceDeployments(List.of(arn)).stream()
        .filter(d -> arn.equals(d.deploymentId()))
        .findFirst()
        .orElse(null);
  }
}
