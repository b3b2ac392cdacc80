package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.aws.AppSpecRenderer;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.aws.CodeDeployGateway.WaitType;
import dev.ecsbluegreen.operator.aws.DeploymentDescription;
import dev.ecsbluegreen.operator.aws.DeploymentRequest;
import dev.ecsbluegreen.operator.errors.DeploymentGroupBusyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Carries out a plan's decision: at most one AWS mutation, whose result (an allocated id, a
 * revision ARN, "it had already ended") goes back into the plan's facts and report. The intent
 * token is already in status when this runs for a new attempt: see {@link ReleasePlanner}.
 */
public final class ReleaseExecutor {
  private static final Logger log = LoggerFactory.getLogger(ReleaseExecutor.class);

  private final AwsAccess aws;

  public ReleaseExecutor(AwsAccess aws) {
    this.aws = aws;
  }

  public Plan execute(EcsBlueGreenRelease release, Plan plan) {
    var gateways = aws.forRelease(release);
    var decision = plan.decision();
    if (decision instanceof Decision.EnsureGroup ensure) {
      return ensureGroup(plan, ensure, gateways);
    }
    if (decision instanceof Decision.RegisterTaskDefinition register) {
      String arn =
          gateways.ecs().registerTaskDefinition(register.plan().request(), register.plan().tags());
      log.info("Registered task definition {}", arn);
      return plan.with(plan.facts().withTaskDefinitions(arn, null), plan.report());
    }
    if (decision instanceof Decision.CreateDeployment create) {
      return createDeployment(release, plan, create, gateways);
    }
    if (decision instanceof Decision.StopDeployment stop) {
      if (!gateways.codeDeploy().stopDeployment(stop.deploymentId(), true)) {
        log.info(
            "Found CodeDeploy deployment {} already ended; nothing stopped", stop.deploymentId());
        return endedAlready(plan, stop.deploymentId());
      }
      log.info("Stopped CodeDeploy deployment {} with rollback", stop.deploymentId());
      return plan;
    }
    if (decision instanceof Decision.ContinueDeployment resume) {
      if (!gateways.codeDeploy().continueDeployment(resume.deploymentId(), resume.waitType())) {
        log.info(
            "Found CodeDeploy deployment {} not in {}; nothing continued",
            resume.deploymentId(),
            resume.waitType());
        return notWaiting(plan, resume);
      }
      log.info("Continued CodeDeploy deployment {} ({})", resume.deploymentId(), resume.waitType());
      return plan;
    }
    return plan; // Observe and RecordIntent change nothing in AWS
  }

  private static Plan ensureGroup(
      Plan plan, Decision.EnsureGroup ensure, AwsAccess.Gateways gateways) {
    var groups = gateways.deploymentGroups();
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

  private Plan createDeployment(
      EcsBlueGreenRelease release,
      Plan plan,
      Decision.CreateDeployment create,
      AwsAccess.Gateways gateways) {
    var spec = release.getSpec();
    var codeDeploy = spec.codeDeploy();
    // Neither set: name none, so CodeDeploy uses the group's configuration (a canary or linear
    // one a platform team set elsewhere) instead of the operator moving all traffic at once.
    String config =
        codeDeploy.trafficRouting() != null
            ? gateways.codeDeploy().ensureDeploymentConfig(codeDeploy.trafficRouting())
            : codeDeploy.deploymentConfig();
    var request =
        new DeploymentRequest(
            codeDeploy.application(),
            codeDeploy.deploymentGroup(),
            config,
            AppSpecRenderer.render(spec, create.taskDefinitionArn()),
            DeploymentDescription.of(ReleaseObserver.identity(release)),
            spec.rollback().onDeploymentFailure(),
            spec.rollback().onAlarm(),
            spec.rollback().alarms());
    try {
      String id = gateways.codeDeploy().createDeployment(request);
      MDC.put("deploymentId", id);
      log.info("Created CodeDeploy deployment {} of {}", id, create.taskDefinitionArn());
      return plan.with(
          plan.facts().withDeployment(id, "CREATED", null),
          Report.reconciling(
              Phase.Deploying, Reasons.DEPLOYMENT_CREATED, Reasons.deploymentCreated(id)));
    } catch (DeploymentGroupBusyException busy) {
      // Someone took the group between our look and our create; the next pass looks again.
      return plan.with(
          plan.facts(),
          Report.reconciling(Phase.Pending, Reasons.DEPLOYMENT_GROUP_BUSY, Problems.message(busy)));
    }
  }

  private static Plan endedAlready(Plan plan, String id) {
    return notApplied(plan, "deployment %s had already ended".formatted(id));
  }

  private static Plan notWaiting(Plan plan, Decision.ContinueDeployment resume) {
    String message =
        resume.waitType() == WaitType.READY_WAIT
            ? "deployment %s was not waiting for a promotion".formatted(resume.deploymentId())
            : "deployment %s was not baking".formatted(resume.deploymentId());
    return notApplied(plan, message);
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
