package dev.ecsbluegreen.operator.reconciler.codedeploy;

import dev.ecsbluegreen.operator.api.v1alpha1.AwsTarget;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.aws.BatchedReads;
import dev.ecsbluegreen.operator.aws.DeploymentGroupGateway;
import dev.ecsbluegreen.operator.aws.DeploymentGroupState;
import dev.ecsbluegreen.operator.aws.EcsGateway;
import dev.ecsbluegreen.operator.aws.ServiceLookup;
import dev.ecsbluegreen.operator.aws.ServiceState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reads before a deployment exists that releases applied together (a GitOps sync) make at the
 * same moment, shared among every release of one account, region and role: the ECS services of one
 * cluster, up to 10 per DescribeServices, and the deployment groups of one application, up to 100
 * per BatchGetDeploymentGroups ({@link BatchedReads}). Reads go through the operator's own session
 * for the account, region and role, as the {@link DeploymentTracker}'s do.
 */
final class SharedPreparingReads {
  /**
   * How long the first pass of a batch waits for others: the passes of releases applied together
   * follow their intents' status writes, which land tens of milliseconds apart.
   */
  static final Duration GATHER = Duration.ofMillis(50);

  /** The reads of one gateway (account, region and role) about one cluster or application. */
  private record Scope(Object gateway, String name) {}

  private final AwsAccess aws;
  private final Duration gather;
  private final Map<Scope, BatchedReads<ServiceLookup>> services = new ConcurrentHashMap<>();
  private final Map<Scope, BatchedReads<DeploymentGroupState>> groups = new ConcurrentHashMap<>();

  SharedPreparingReads(AwsAccess aws, Duration gather) {
    this.aws = aws;
    this.gather = gather;
  }

  /** The service a release deploys to. Unknown or INACTIVE: InvalidReleaseException. */
  ServiceState service(AwsTarget target, String cluster, String service) {
    EcsGateway ecs = aws.forTarget(target).ecs();
    var reads =
        services.computeIfAbsent(
            new Scope(ecs, cluster),
            scope ->
                new BatchedReads<>(
                    EcsGateway.SERVICES_PER_CALL,
                    gather,
                    names -> ecs.describeServices(cluster, names).values(),
                    ServiceLookup::service));
    // The gateway answers every service it was asked about.
    return reads.read(List.of(service)).get(service).require();
  }

  /** The deployment group as AWS has it; empty when it or its application does not exist. */
  Optional<DeploymentGroupState> group(AwsTarget target, String application, String group) {
    DeploymentGroupGateway gateway = aws.forTarget(target).deploymentGroups();
    var reads =
        groups.computeIfAbsent(
            new Scope(gateway, application),
            scope ->
                new BatchedReads<>(
                    DeploymentGroupGateway.GROUPS_PER_CALL,
                    gather,
                    names -> gateway.describeAll(application, names).values(),
                    DeploymentGroupState::deploymentGroup));
    return Optional.ofNullable(reads.read(List.of(group)).get(group));
  }
}
