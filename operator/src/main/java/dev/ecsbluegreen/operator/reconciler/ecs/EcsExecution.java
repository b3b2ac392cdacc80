package dev.ecsbluegreen.operator.reconciler.ecs;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.aws.ServiceDeploymentGateway;
import dev.ecsbluegreen.operator.aws.ServiceDeploymentSnapshot;
import dev.ecsbluegreen.operator.aws.ServiceUpdate;
import dev.ecsbluegreen.operator.reconciler.InfrastructureChange;
import dev.ecsbluegreen.operator.reconciler.Plan;
import dev.ecsbluegreen.operator.reconciler.Reasons;
import dev.ecsbluegreen.operator.reconciler.ReleaseEngine;
import dev.ecsbluegreen.operator.reconciler.ReleasePass;
import dev.ecsbluegreen.operator.reconciler.Report;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Carries out the decisions on ECS service deployments: UpdateService to start one,
 * StopServiceDeployment (or ContinueServiceDeployment ROLLBACK at the PAUSE hook) to roll it back,
 * ContinueServiceDeployment on the PAUSE hook to promote it. A call that finds nothing to act on
 * answers the action annotation as not applied, saying why.
 */
final class EcsExecution implements ReleaseEngine.Execution {
  private static final Logger log = LoggerFactory.getLogger(EcsExecution.class);

  static final String NO_SKIP_BAKE =
      "ECS offers no way to end a service deployment's bake time early; the old revision is"
          + " removed when ecs.bakeTimeMinutes has passed (roll back instead to return to it)";

  private final AwsAccess aws;
  private final ServiceDeploymentTracker tracker;

  EcsExecution(AwsAccess aws, ServiceDeploymentTracker tracker) {
    this.aws = aws;
    this.tracker = tracker;
  }

  /** ECS deploys through the service itself; the engine's rules never ask for infrastructure. */
  @Override
  public Plan ensureInfrastructure(ReleasePass pass, Plan plan, InfrastructureChange change) {
    throw new IllegalStateException(
        "the ECS engine has no infrastructure of its own to ensure: " + change);
  }

  @Override
  public Plan start(ReleasePass pass, Plan plan, String taskDefinitionArn) {
    var spec = pass.release().getSpec();
    var ecs = gateway(pass);
    // The advanced configuration travels in a load balancer entry that must name the service's own
    // target group again; only then is the service read for it.
    String targetGroup =
        spec.ecs().loadBalancer() == null
            ? null
            : ecs.describeService(spec.service().cluster(), spec.service().name()).targetGroupArn();
    String arn = ecs.updateService(new ServiceUpdate(spec, taskDefinitionArn, targetGroup));
    MDC.put("deploymentId", arn);
    log.info("Started ECS service deployment {} of {}", arn, taskDefinitionArn);
    return plan.with(
        plan.facts().withDeployment(arn, "PENDING", null),
        Report.reconciling(
            Phase.Deploying,
            Reasons.DEPLOYMENT_CREATED,
            "ECS service deployment %s created; starting the new revision".formatted(arn)));
  }

  /**
   * A deployment held at its PAUSE hook is rolled back by answering the hook with ROLLBACK, ECS's
   * way to refuse a hold; any other (or one whose hook stopped waiting meanwhile) by
   * StopServiceDeployment.
   */
  @Override
  public Plan stop(ReleasePass pass, Plan plan, String deploymentId) {
    var ecs = gateway(pass);
    ServiceDeploymentSnapshot deployment =
        tracker.track(pass.release().getSpec().aws(), deploymentId);
    var pause = deployment == null ? null : deployment.pauseHook();
    if (pause != null && ecs.rollBackAtHook(deploymentId, pause.hookId())) {
      log.info("Rolled ECS service deployment {} back at its PAUSE hook", deploymentId);
      return plan;
    }
    if (!ecs.stopWithRollback(deploymentId)) {
      log.info("Found ECS service deployment {} already ended; nothing stopped", deploymentId);
      return notApplied(plan, "service deployment %s had already ended".formatted(deploymentId));
    }
    log.info("Stopped ECS service deployment {} with rollback", deploymentId);
    return plan;
  }

  @Override
  public Plan promote(ReleasePass pass, Plan plan, String deploymentId) {
    var ecs = gateway(pass);
    ServiceDeploymentSnapshot deployment =
        tracker.track(pass.release().getSpec().aws(), deploymentId);
    var pause = deployment == null ? null : deployment.pauseHook();
    if (pause == null || !ecs.continueHook(deploymentId, pause.hookId())) {
      log.info("Found ECS service deployment {} not paused; nothing continued", deploymentId);
      return notApplied(
          plan, "service deployment %s was not waiting for a promotion".formatted(deploymentId));
    }
    log.info("Continued ECS service deployment {} past its PAUSE hook", deploymentId);
    return plan;
  }

  @Override
  public Plan endBake(ReleasePass pass, Plan plan, String deploymentId) {
    log.info("Ignored skip-bake of ECS service deployment {}: ECS cannot end a bake", deploymentId);
    return notApplied(plan, NO_SKIP_BAKE);
  }

  private ServiceDeploymentGateway gateway(ReleasePass pass) {
    return aws.forRelease(pass.release()).serviceDeployments();
  }

  /** The action request this pass acts on turned out not to apply: record and tell why. */
  private static Plan notApplied(Plan plan, String message) {
    if (plan.acks().isEmpty()) {
      return plan;
    }
    return plan.withAcks(
        plan.acks().stream().map(a -> a.applied() ? a.notApplied(message) : a).toList());
  }
}
