package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.api.v1alpha1.AwsTarget;

/**
 * Hands out the gateways for one release's account and region. Clients are cached per region and
 * assumed role, so many releases share them.
 */
public interface AwsAccess extends AutoCloseable {
  Gateways forTarget(AwsTarget target);

  @Override
  void close();

  /** The gateways of one account and region. */
  record Gateways(
      EcsGateway ecs, CodeDeployGateway codeDeploy, DeploymentGroupGateway deploymentGroups) {}
}
