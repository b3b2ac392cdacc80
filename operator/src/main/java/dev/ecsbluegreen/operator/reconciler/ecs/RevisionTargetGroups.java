package dev.ecsbluegreen.operator.reconciler.ecs;

import dev.ecsbluegreen.operator.analysis.GreenTargetGroups;
import dev.ecsbluegreen.operator.analysis.Subject;
import dev.ecsbluegreen.operator.analysis.UnresolvedTargetException;
import dev.ecsbluegreen.operator.aws.AwsAccess;

/**
 * An ECS release's green target group: the one of the service's pair that ECS resolved the service
 * deployment's target revision to (it alternates between the two with each deployment).
 */
final class RevisionTargetGroups implements GreenTargetGroups {
  private final AwsAccess aws;

  RevisionTargetGroups(AwsAccess aws) {
    this.aws = aws;
  }

  @Override
  public String arn(Subject subject) {
    return aws.forRelease(subject.release())
        .serviceDeployments()
        .greenTargetGroupArn(subject.deploymentId())
        .orElseThrow(
            () ->
                new UnresolvedTargetException(
                    "service deployment %s names no target group for its target revision (ECS"
                            .formatted(subject.deploymentId())
                        + " resolves one only for a service with load balancers)"));
  }
}
