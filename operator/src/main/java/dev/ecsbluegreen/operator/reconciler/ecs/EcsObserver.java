package dev.ecsbluegreen.operator.reconciler.ecs;

import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.aws.NativeServiceState;
import dev.ecsbluegreen.operator.errors.AwsAccessException;
import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import dev.ecsbluegreen.operator.reconciler.Observation;
import dev.ecsbluegreen.operator.reconciler.RegistrationReads;
import dev.ecsbluegreen.operator.reconciler.ReleasePass;
import dev.ecsbluegreen.operator.reconciler.TaskDefinitionChoice;
import dev.ecsbluegreen.operator.taskdef.TaskDefinitionPlan;

/**
 * Reads what a release's stage needs from ECS and nothing else; never changes anything. Failures no
 * retry can fix become {@link EcsPreparingReads#problem()}; transient ones propagate for JOSDK's
 * retry. A preparing pass reads its service together with the other releases preparing at the same
 * moment ({@link SharedServiceReads}); the service's current deployment, once ended, is read once
 * (the gateway keeps it), and the revision the attempt registered is taken from the status ({@link
 * TaskDefinitionChoice}), so the pass that starts the deployment after the one that registered the
 * revision reads the service alone. A pass whose registration the budget turned away is followed by
 * one that decides again from its reads ({@link RegistrationReads}).
 */
final class EcsObserver {
  private final AwsAccess aws;
  private final ServiceDeploymentTracker tracker;
  private final SharedServiceReads services;
  private final TaskDefinitionChoice revisions;
  private final RegistrationReads<BeforeRegistering> registrationReads;

  /** The reads a pass decided to register a revision on: the service, no deployment running. */
  record BeforeRegistering(NativeServiceState service, TaskDefinitionPlan.Register plan) {}

  EcsObserver(
      AwsAccess aws,
      ServiceDeploymentTracker tracker,
      SharedServiceReads services,
      TaskDefinitionChoice revisions,
      RegistrationReads<BeforeRegistering> registrationReads) {
    this.aws = aws;
    this.tracker = tracker;
    this.services = services;
    this.revisions = revisions;
    this.registrationReads = registrationReads;
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
    String uid = release.getMetadata().getUid();
    String token = release.getStatus().releaseToken();
    if (release.getStatus().taskDefinitionArn() != null) {
      registrationReads.forget(uid);
    } else if (revisions.turnedAway(pass)) {
      var decided = registrationReads.reuse(uid, token);
      if (decided.isPresent()) {
        // The pass before read the service, decided to register, and the budget turned the
        // registration away unsent: nothing it read has been acted on, and it comes back now at
        // its turn to register. The pass that starts the deployment reads the service again.
        return EcsPreparingReads.observed(decided.get().service(), decided.get().plan());
      }
    }
    try {
      var service = services.service(spec.aws(), spec.service().cluster(), spec.service().name());
      if (!EcsPreparingRules.ECS_CONTROLLER.equals(service.service().deploymentController())) {
        return EcsPreparingReads.observed(service, null);
      }
      var plan = revisions.plan(pass, gateways.ecs(), service.serving());
      if (plan instanceof TaskDefinitionPlan.Register register) {
        registrationReads.keep(uid, token, new BeforeRegistering(service, register));
      }
      return EcsPreparingReads.observed(service, plan);
    } catch (InvalidReleaseException | AwsAccessException e) {
      return EcsPreparingReads.refused(e);
    }
  }
}
