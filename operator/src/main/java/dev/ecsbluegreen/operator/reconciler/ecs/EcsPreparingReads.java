package dev.ecsbluegreen.operator.reconciler.ecs;

import dev.ecsbluegreen.operator.aws.NativeServiceState;
import dev.ecsbluegreen.operator.aws.ServiceDeploymentSnapshot;
import dev.ecsbluegreen.operator.errors.ReleaseException;
import dev.ecsbluegreen.operator.reconciler.Observation;
import dev.ecsbluegreen.operator.taskdef.TaskDefinitionPlan;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a PREPARING pass of the ECS engine read: the service with its current service deployment,
 * and the task definition plan. The plan stays null when the service's controller already decides.
 *
 * @param problem a read AWS refused for a reason no retry fixes (InvalidRelease or AwsAccess)
 */
record EcsPreparingReads(
    NativeServiceState service, TaskDefinitionPlan taskDefinition, ReleaseException problem)
    implements Observation.Preparing {

  static Observation observed(NativeServiceState service, TaskDefinitionPlan taskDefinition) {
    return Observation.preparing(new EcsPreparingReads(service, taskDefinition, null));
  }

  static Observation refused(ReleaseException problem) {
    return Observation.preparing(new EcsPreparingReads(null, null, problem));
  }

  @Override
  public List<ServiceDeploymentSnapshot> deployments() {
    return Stream.ofNullable(service)
        .map(NativeServiceState::current)
        .filter(d -> d != null)
        .toList();
  }
}
