package dev.ecsbluegreen.operator.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The ECS calls of ECS's own (native) service deployments, in our vocabulary. */
public interface ServiceDeploymentGateway {
  /** The most ARNs one DescribeServiceDeployments call accepts (ECS API reference). */
  int MAX_DESCRIBE_ARNS = 20;

  /**
   * The service with its current service deployment and the task definitions of that deployment's
   * revisions. Unknown service: InvalidReleaseException.
   */
  NativeServiceState describeService(String cluster, String service);

  /**
   * Services of one cluster in one DescribeServices call (at most {@link
   * EcsGateway#SERVICES_PER_CALL}), each with its current service deployment as {@link
   * #describeService} reads it, by the name (or ARN) each was asked for: every one asked for has an
   * answer, the service or why ECS returned none.
   */
  Map<String, NativeServiceLookup> describeServices(String cluster, List<String> services);

  /**
   * UpdateService with the release's task definition and deployment configuration (one mutation,
   * never retried by the SDK) and returns the service deployment ARN it started.
   */
  String updateService(ServiceUpdate update);

  /**
   * Service deployments by ARN, {@value #MAX_DESCRIBE_ARNS} per call; unknown ones are left out.
   */
  List<ServiceDeploymentSnapshot> describeServiceDeployments(List<String> arns);

  /**
   * The ARN of the target group the deployment's target revision serves from (its {@code
   * resolvedConfiguration}), for metrics of green alone; empty when ECS names none (two reads).
   */
  Optional<String> greenTargetGroupArn(String deploymentArn);

  /** StopServiceDeployment with ROLLBACK; false when the deployment had already ended. */
  boolean stopWithRollback(String arn);

  /**
   * ContinueServiceDeployment on a PAUSE hook; false when the deployment or hook no longer waits.
   */
  boolean continueHook(String arn, String hookId);

  /**
   * ContinueServiceDeployment on a PAUSE hook with action ROLLBACK: the hold is refused and ECS
   * rolls the deployment back; false when the deployment or hook no longer waits.
   */
  boolean rollBackAtHook(String arn, String hookId);
}
