package dev.ecsbluegreen.operator.reconciler.codedeploy;

import dev.ecsbluegreen.operator.analysis.GreenTargetGroups;
import dev.ecsbluegreen.operator.analysis.Subject;
import dev.ecsbluegreen.operator.analysis.UnresolvedTargetException;
import dev.ecsbluegreen.operator.aws.AwsAccess;

/**
 * A CodeDeploy release's green target group: the name the deployment's target gives green's task
 * set, and its ARN from the ECS service's task sets (DescribeServices).
 */
final class TaskSetTargetGroups implements GreenTargetGroups {
  private final AwsAccess aws;

  TaskSetTargetGroups(AwsAccess aws) {
    this.aws = aws;
  }

  @Override
  public String arn(Subject subject) {
    if (subject.greenTargetGroup() == null) {
      throw new UnresolvedTargetException(
          "green's target group is not known yet: the deployment's target has not been read");
    }
    var service = subject.release().getSpec().service();
    return aws.forRelease(subject.release())
        .ecs()
        .targetGroupArn(service.cluster(), service.name(), subject.greenTargetGroup())
        .orElseThrow(
            () ->
                new UnresolvedTargetException(
                    "no task set of ECS service %s/%s serves from green's target group %s"
                        .formatted(service.cluster(), service.name(), subject.greenTargetGroup())));
  }
}
