package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.aws.AppSpecRenderer;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.aws.CodeDeployGateway.WaitType;
import dev.ecsbluegreen.operator.aws.DeploymentDescription;
import dev.ecsbluegreen.operator.aws.DeploymentRequest;
import dev.ecsbluegreen.operator.errors.DeploymentGroupBusyException;
import dev.ecsbluegreen.operator.reconciler.Plan.Ack;
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

  public Plan execute(ReleasePass pass, Plan plan) {
    return plan.decision().accept(new Execution(pass, plan, aws.forRelease(pass.release())));
  }

  /** Carries out one plan's decision; the handler makes every decision's case explicit. */
  private final class Execution implements Decision.Handler<Plan> {
    private final ReleasePass pass;
    private final Plan plan;
    private final AwsAccess.Gateways gateways;

    Execution(ReleasePass pass, Plan plan, AwsAccess.Gateways gateways) {
      this.pass = pass;
      this.plan = plan;
      this.gateways = gateways;
    }

    @Override
    public Plan observe(Decision.Observe observe) {
      return plan;
    }

    @Override
    public Plan recordIntent(Decision.RecordIntent recordIntent) {
      return plan; // the token is written with the status, before any AWS mutation
    }

    @Override
    public Plan ensureInfrastructure(Decision.EnsureInfrastructure ensure) {
      return ensureGroup(plan, (DeploymentGroupChange) ensure.change(), gateways);
    }

    @Override
    public Plan registerTaskDefinition(Decision.RegisterTaskDefinition register) {
      String arn =
          gateways.ecs().registerTaskDefinition(register.plan().request(), register.plan().tags());
      log.info("Registered task definition {}", arn);
      return plan.with(plan.facts().withTaskDefinitions(arn, null), plan.report());
    }

    @Override
    public Plan start(Decision.Start start) {
      return createDeployment(pass, plan, start, gateways);
    }

    @Override
    public Plan stop(Decision.Stop stop) {
      if (!gateways.codeDeploy().stopDeployment(stop.deploymentId(), true)) {
        log.info(
            "Found CodeDeploy deployment {} already ended; nothing stopped", stop.deploymentId());
        return endedAlready(plan, stop.deploymentId());
      }
      log.info("Stopped CodeDeploy deployment {} with rollback", stop.deploymentId());
      return plan;
    }

    @Override
    public Plan promote(Decision.Promote promote) {
      return resume(promote.deploymentId(), WaitType.READY_WAIT);
    }

    @Override
    public Plan endBake(Decision.EndBake endBake) {
      return resume(endBake.deploymentId(), WaitType.TERMINATION_WAIT);
    }

    private Plan resume(String id, WaitType waitType) {
      if (!gateways.codeDeploy().continueDeployment(id, waitType)) {
        log.info("Found CodeDeploy deployment {} not in {}; nothing continued", id, waitType);
        return notWaiting(plan, id, waitType);
      }
      log.info("Continued CodeDeploy deployment {} ({})", id, waitType);
      return plan;
    }
  }

  private static Plan ensureGroup(
      Plan plan, DeploymentGroupChange ensure, AwsAccess.Gateways gateways) {
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
      ReleasePass pass, Plan plan, Decision.Start create, AwsAccess.Gateways gateways) {
    var spec = pass.release().getSpec();
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
            DeploymentDescription.of(pass.identity()),
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

  private static Plan notWaiting(Plan plan, String id, WaitType waitType) {
    String message =
        waitType == WaitType.READY_WAIT
            ? "deployment %s was not waiting for a promotion".formatted(id)
            : "deployment %s was not baking".formatted(id);
    return notApplied(plan, message);
  }

  /** The action annotation this pass answers turned out not to apply: tell why in its Event. */
  private static Plan notApplied(Plan plan, String message) {
    if (plan.ack() == null) {
      return plan;
    }
    return plan.withAck(new Ack(plan.ack().annotation(), false, message));
  }
}
