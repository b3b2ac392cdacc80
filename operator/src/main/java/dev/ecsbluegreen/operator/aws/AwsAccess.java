package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.api.v1alpha1.AwsTarget;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;

/**
 * Hands out the gateways for one release's account and region. Clients are cached per region and
 * assumed role, so many releases share them.
 */
public interface AwsAccess extends AutoCloseable {
  Gateways forTarget(AwsTarget target);

  /**
   * The gateways for one release. With a role to assume, the STS session is named after the release
   * ({@code ecs-bluegreen-<namespace>-<name>}) so CloudTrail shows who acted; without a role it is
   * {@link #forTarget}.
   */
  default Gateways forRelease(AwsTarget target, String namespace, String name) {
    return forTarget(target);
  }

  /** The gateways for a release's {@code spec.aws}, in a session named after the release. */
  default Gateways forRelease(EcsBlueGreenRelease release) {
    var metadata = release.getMetadata();
    return forRelease(release.getSpec().aws(), metadata.getNamespace(), metadata.getName());
  }

  /**
   * The queue of pushed deployment events at this URL, read with the operator's own credentials (no
   * release's role).
   */
  default EventsQueue eventsQueue(java.net.URI queueUrl) {
    throw new UnsupportedOperationException("This AWS access reads no events queue");
  }

  @Override
  void close();

  /**
   * The gateways of one account and region.
   *
   * @param serviceDeployments ECS's own (native) service deployments, for the ECS engine
   * @param metrics CloudWatch metrics, for analysis checks
   * @param loadBalancers Elastic Load Balancing, where an analysis check's listener answers
   */
  record Gateways(
      EcsGateway ecs,
      CodeDeployGateway codeDeploy,
      DeploymentGroupGateway deploymentGroups,
      ServiceDeploymentGateway serviceDeployments,
      MetricsGateway metrics,
      LoadBalancerGateway loadBalancers) {}
}
