package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.aws.EcsGateway;
import dev.ecsbluegreen.operator.aws.ServiceState;
import dev.ecsbluegreen.operator.taskdef.TaskDefinitionPlan;
import dev.ecsbluegreen.operator.taskdef.TaskDefinitionResolver;

/**
 * Picks the task definition revision a PREPARING pass deploys, the same for every engine, reading
 * only what the status and this process leave open: the revision the attempt already recorded is
 * used as it is; an attempt that can have registered nothing compares with the service's revision
 * and lists nothing; any other lists the family, to find a revision whose registration answer was
 * lost.
 */
public final class TaskDefinitionChoice {
  private final FirstAttempts firstAttempts;

  public TaskDefinitionChoice(FirstAttempts firstAttempts) {
    this.firstAttempts = firstAttempts;
  }

  /**
   * Whether the pass's attempt decided to register a revision, and the operator's budget turned the
   * registration away before it was sent, with none sent since: what that pass read can be decided
   * from again ({@link RegistrationReads}).
   */
  public boolean turnedAway(ReleasePass pass) {
    var release = pass.release();
    return release.getStatus() != null
        && release.getStatus().taskDefinitionArn() == null
        && firstAttempts.turnedAway(
            release.getMetadata().getUid(), release.getStatus().releaseToken());
  }

  /**
   * @param service the service, with the revision it serves production traffic from as its own
   */
  public TaskDefinitionPlan plan(ReleasePass pass, EcsGateway ecs, ServiceState service) {
    var status = pass.release().getStatus();
    // A new attempt's intent clears the revision; one recorded since is this attempt's own.
    if (status.taskDefinitionArn() != null) {
      return new TaskDefinitionPlan.Use(status.taskDefinitionArn());
    }
    var resolver = new TaskDefinitionResolver(ecs);
    var spec = pass.release().getSpec();
    if (firstAttempts.noneRegistered(
        pass.release().getMetadata().getUid(), status.releaseToken())) {
      return resolver.planUnregistered(pass.identity(), spec, service);
    }
    return resolver.plan(pass.identity(), spec, service);
  }
}
