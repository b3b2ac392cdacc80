package dev.ecsbluegreen.operator.reconciler.ecs;

import dev.ecsbluegreen.operator.api.v1alpha1.AwsTarget;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.aws.BatchedReads;
import dev.ecsbluegreen.operator.aws.Gather;
import dev.ecsbluegreen.operator.aws.ServiceDeploymentGateway;
import dev.ecsbluegreen.operator.aws.ServiceDeploymentSnapshot;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one component that reads the state of ECS service deployments, shared by every release of the
 * engine. Releases hand it the ARN they follow; it reads it together with every other release of
 * the same account, region and role ({@value ServiceDeploymentGateway#MAX_DESCRIBE_ARNS} per
 * DescribeServiceDeployments, see {@link BatchedReads}). Reads go through the operator's own
 * session for the release's account, region and role, so releases that assume the same role share
 * them. ECS rolls a deployment back within itself, so one ARN is all a release follows. The passes
 * due on the same tick of the grid are read together ({@link Gather}).
 */
public final class ServiceDeploymentTracker {
  private final AwsAccess aws;
  private final Gather gather;
  private final Map<ServiceDeploymentGateway, BatchedReads<ServiceDeploymentSnapshot>> readers =
      new ConcurrentHashMap<>();

  /**
   * @param gather how long the first pass of a shared read waits for the others: those due on the
   *     same tick of the grid releases wake up on
   */
  public ServiceDeploymentTracker(AwsAccess aws, Gather gather) {
    this.aws = aws;
    this.gather = gather;
  }

  /** The service deployment, or null when ECS no longer knows it. */
  public ServiceDeploymentSnapshot track(AwsTarget target, String arn) {
    var gateway = aws.forTarget(target).serviceDeployments();
    return readers.computeIfAbsent(gateway, this::reader).read(List.of(arn)).get(arn);
  }

  private BatchedReads<ServiceDeploymentSnapshot> reader(ServiceDeploymentGateway gateway) {
    return new BatchedReads<>(
        ServiceDeploymentGateway.MAX_DESCRIBE_ARNS,
        gather,
        gateway::describeServiceDeployments,
        ServiceDeploymentSnapshot::deploymentId);
  }
}
