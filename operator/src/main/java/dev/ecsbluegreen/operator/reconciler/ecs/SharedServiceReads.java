package dev.ecsbluegreen.operator.reconciler.ecs;

import dev.ecsbluegreen.operator.api.v1alpha1.AwsTarget;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.aws.BatchedReads;
import dev.ecsbluegreen.operator.aws.EcsGateway;
import dev.ecsbluegreen.operator.aws.NativeServiceLookup;
import dev.ecsbluegreen.operator.aws.NativeServiceState;
import dev.ecsbluegreen.operator.aws.ServiceDeploymentGateway;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service reads of ECS releases preparing at the same moment (a GitOps sync applies many),
 * shared among every release of one account, region and role: the services of one cluster, up to 10
 * per DescribeServices ({@link BatchedReads}), as the CodeDeploy engine shares its own.
 */
final class SharedServiceReads {
  /**
   * How long the first pass of a batch waits for others: the passes of releases applied together
   * follow their intents' status writes, which land tens of milliseconds apart.
   */
  static final Duration GATHER = Duration.ofMillis(50);

  /** The reads of one gateway (account, region and role) about one cluster. */
  private record Scope(ServiceDeploymentGateway gateway, String cluster) {}

  private final AwsAccess aws;
  private final Duration gather;
  private final Map<Scope, BatchedReads<NativeServiceLookup>> services = new ConcurrentHashMap<>();

  SharedServiceReads(AwsAccess aws, Duration gather) {
    this.aws = aws;
    this.gather = gather;
  }

  /**
   * The service with its current service deployment. Unknown or INACTIVE: InvalidReleaseException.
   */
  NativeServiceState service(AwsTarget target, String cluster, String service) {
    var gateway = aws.forTarget(target).serviceDeployments();
    var reads =
        services.computeIfAbsent(
            new Scope(gateway, cluster),
            scope ->
                new BatchedReads<>(
                    EcsGateway.SERVICES_PER_CALL,
                    gather,
                    names -> gateway.describeServices(cluster, names).values(),
                    NativeServiceLookup::service));
    // The gateway answers every service it was asked about.
    return reads.read(List.of(service)).get(service).require();
  }
}
