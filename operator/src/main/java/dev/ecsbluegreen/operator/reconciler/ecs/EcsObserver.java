package dev.ecsbluegreen.operator.reconciler.ecs;

import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.errors.AwsAccessException;
import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import dev.ecsbluegreen.operator.reconciler.Observation;
import dev.ecsbluegreen.operator.reconciler.ReleasePass;
import dev.ecsbluegreen.operator.reconciler.TaskDefinitionChoice;

/**
 * Reads what a release's stage needs from ECS and nothing else; never changes anything. Failures no
 * retry can fix become {@link EcsPreparingReads#problem()}; transient ones propagate for JOSDK's
 * retry. A preparing pass reads its service together with the other releases preparing at the same
 * moment ({@link SharedServiceReads}); the service's current deployment, once ended, is read once
 * (the gateway keeps it), and the revision the attempt registered is taken from the status ({@link
 * TaskDefinitionChoice}), so the pass that starts the deployment after the one that registered the
 * revision reads the service alone.
 */
final class EcsObserver {
  private final AwsAccess aws;
  private final ServiceDeploymentTracker tracker;
  private final SharedServiceReads services;
  private final TaskDefinitionChoice revisions;

  EcsObserver(
      AwsAccess aws,
      ServiceDeploymentTracker tracker,
      SharedServiceReads services,
      TaskDefinitionChoice revisions) {
    this.aws = aws;
    this.tracker = tracker;
    this.services = services;
    this.revisions = revisions;
  }

  Observation observe(ReleasePass pass) {
    return switch (pass.stage()) {
      case NEW, SETTLED -> Observation.only(pass.stage());
      case TRACKING -> tracking(pass);
      case PREPARING -> preparing(pass);
    };
  }

  private Observation tracking(ReleasePass pass) {
    var release = pass.release();
    var deployment = tracker.track(release.getSpec().aws(), release.getStatus().deploymentId());
    // ECS rolls back within the deployment: once rolling back, it is its own rollback too.
    var rollback =
        deployment != null && deployment.rollbackDeploymentId() != null ? deployment : null;
    return Observation.tracked(deployment, rollback);
  }

  private Observation preparing(ReleasePass pass) {
    var release = pass.release();
    var spec = release.getSpec();
    var gateways = aws.forRelease(release);
    try {
      var service = services.service(spec.aws(), spec.service().cluster(), spec.service().name());
      if (!EcsPreparingRules.ECS_CONTROLLER.equals(service.service().deploymentController())) {
        return EcsPreparingReads.observed(service, null);
      }
      var plan = revisions.plan(pass, gateways.ecs(), service.serving());
      return EcsPreparingReads.observed(service, plan);
    } catch (InvalidReleaseException | AwsAccessException e) {
      return EcsPreparingReads.refused(e);
    }
  }
}
