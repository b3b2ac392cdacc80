package dev.ecsbluegreen.operator.reconciler.codedeploy;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.aws.AppSpecRenderer;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.aws.CodeDeployGateway;
import dev.ecsbluegreen.operator.aws.CodeDeployGateway.WaitType;
import dev.ecsbluegreen.operator.aws.DeploymentDescription;
import dev.ecsbluegreen.operator.aws.DeploymentRequest;
import dev.ecsbluegreen.operator.errors.AwsBudgetWaitException;
import dev.ecsbluegreen.operator.errors.DeploymentGroupBusyException;
import dev.ecsbluegreen.operator.reconciler.InfrastructureChange;
import dev.ecsbluegreen.operator.reconciler.Plan;
import dev.ecsbluegreen.operator.reconciler.Problems;
import dev.ecsbluegreen.operator.reconciler.Reasons;
import dev.ecsbluegreen.operator.reconciler.ReleaseEngine;
import dev.ecsbluegreen.operator.reconciler.ReleasePass;
import dev.ecsbluegreen.operator.reconciler.Report;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Carries out the decisions on CodeDeploy: the managed deployment group, and creating, stopping and
 * continuing deployments. A call that finds nothing to act on (the deployment had already ended, or
 * was not waiting) answers the action annotation as not applied, saying why.
 */
final class CodeDeployExecution implements ReleaseEngine.Execution {
  private static final Logger log = LoggerFactory.getLogger(CodeDeployExecution.class);

  private final AwsAccess aws;
  private final PreparingMemory memory;
  private final DeploymentTracker tracker;
  private final Clock clock;

  CodeDeployExecution(
      AwsAccess aws, PreparingMemory memory, DeploymentTracker tracker, Clock clock) {
    this.aws = aws;
    this.memory = memory;
    this.tracker = tracker;
    this.clock = clock;
  }

  @Override
  public Plan ensureInfrastructure(ReleasePass pass, Plan plan, InfrastructureChange change) {
    // Only this engine's rules create its changes.
    var ensure = (DeploymentGroupChange) change;
    var groups = aws.forRelease(pass.release()).deploymentGroups();
    if (ensure.create()) {
      groups.ensureApplication(ensure.desired().application());
      groups.createGroup(ensure.desired());
      log.info("Created CodeDeploy deployment group {}", ensure.desired().deploymentGroup());
    } else {
      groups.updateGroup(ensure.desired());
      log.info(
          "Updated CodeDeploy deployment group {}: {}",
          ensure.desired().deploymentGroup(),
          ensure.drift());
    }
    return plan;
  }

  @Override
  public Plan start(ReleasePass pass, Plan plan, String taskDefinitionArn) {
    var codeDeployGateway = codeDeploy(pass);
    var spec = pass.release().getSpec();
    var codeDeploy = spec.codeDeploy();
    // Neither set: name none, so CodeDeploy uses the group's configuration (a canary or linear
    // one a platform team set elsewhere) instead of the operator moving all traffic at once.
    String config =
        codeDeploy.trafficRouting() != null
            ? codeDeployGateway.ensureDeploymentConfig(codeDeploy.trafficRouting())
            : codeDeploy.deploymentConfig();
    var request =
        new DeploymentRequest(
            codeDeploy.application(),
            codeDeploy.deploymentGroup(),
            config,
            AppSpecRenderer.render(spec, taskDefinitionArn),
            DeploymentDescription.of(pass.identity()),
            spec.rollback().onDeploymentFailure(),
            spec.rollback().onAlarm(),
            spec.rollback().alarms());
    // Before the call: from here on a deployment may carry the token even if the answer is lost.
    String uid = pass.release().getMetadata().getUid();
    boolean noneCarried = memory.creating(uid, pass.identity().token());
    try {
      var sentAt = clock.instant();
      String id = codeDeployGateway.createDeployment(request);
      tracker.created(id, request, sentAt);
      MDC.put("deploymentId", id);
      log.info("Created CodeDeploy deployment {} of {}", id, taskDefinitionArn);
      return plan.with(
          plan.facts().withDeployment(id, "CREATED", null),
          Report.reconciling(
              Phase.Deploying, Reasons.DEPLOYMENT_CREATED, Reasons.deploymentCreated(id)));
    } catch (AwsBudgetWaitException notSent) {
      memory.notSent(uid, pass.identity().token(), noneCarried);
      throw notSent;
    } catch (DeploymentGroupBusyException busy) {
      // Someone took the group between our look and our create; the next pass looks again.
      return plan.with(
          plan.facts(),
          Report.reconciling(Phase.Pending, Reasons.DEPLOYMENT_GROUP_BUSY, Problems.message(busy)));
    }
  }

  @Override
  public Plan stop(ReleasePass pass, Plan plan, String deploymentId) {
    if (!codeDeploy(pass).stopDeployment(deploymentId, true)) {
      log.info("Found CodeDeploy deployment {} already ended; nothing stopped", deploymentId);
      return notApplied(plan, "deployment %s had already ended".formatted(deploymentId));
    }
    log.info("Stopped CodeDeploy deployment {} with rollback", deploymentId);
    return plan;
  }

  @Override
  public Plan promote(ReleasePass pass, Plan plan, String deploymentId) {
    return resume(
        pass,
        plan,
        deploymentId,
        WaitType.READY_WAIT,
        "deployment %s was not waiting for a promotion");
  }

  @Override
  public Plan endBake(ReleasePass pass, Plan plan, String deploymentId) {
    return resume(
        pass, plan, deploymentId, WaitType.TERMINATION_WAIT, "deployment %s was not baking");
  }

  private Plan resume(
      ReleasePass pass, Plan plan, String id, WaitType waitType, String notWaiting) {
    if (!codeDeploy(pass).continueDeployment(id, waitType)) {
      log.info("Found CodeDeploy deployment {} not in {}; nothing continued", id, waitType);
      return notApplied(plan, notWaiting.formatted(id));
    }
    log.info("Continued CodeDeploy deployment {} ({})", id, waitType);
    return plan;
  }

  private CodeDeployGateway codeDeploy(ReleasePass pass) {
    return aws.forRelease(pass.release()).codeDeploy();
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
