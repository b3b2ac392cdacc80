package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.errors.AwsBudgetWaitException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a plan's decision: at most one AWS mutation, whose result (an allocated id, a
 * revision ARN, "it had already ended") goes back into the plan's facts and report. Task
 * definitions are registered here; what touches deployments goes to the release's engine. The
 * intent token is already in status when this runs for a new attempt: see {@link ReleasePlanner}.
 */
public final class ReleaseExecutor {
  private static final Logger log = LoggerFactory.getLogger(ReleaseExecutor.class);

  private final AwsAccess aws;
  private final FirstAttempts firstAttempts;

  public ReleaseExecutor(AwsAccess aws, FirstAttempts firstAttempts) {
    this.aws = aws;
    this.firstAttempts = firstAttempts;
  }

  public Plan execute(ReleasePass pass, Plan plan) {
    return plan.decision().accept(new Execution(pass, plan));
  }

  /** One plan's decision carried out; the handler makes every decision's case explicit. */
  private final class Execution implements Decision.Handler<Plan> {
    private final ReleasePass pass;
    private final Plan plan;
    private final ReleaseEngine.Execution engine;

    Execution(ReleasePass pass, Plan plan) {
      this.pass = pass;
      this.plan = plan;
      this.engine = pass.engine().execution();
    }

    @Override
    public Plan observe(Decision.Observe observe) {
      return plan;
    }

    @Override
    public Plan recordIntent(Decision.RecordIntent recordIntent) {
      firstAttempts.intentRecorded(pass, plan.facts().releaseToken());
      return plan; // the token is written with the status, before any AWS mutation
    }

    @Override
    public Plan registerTaskDefinition(Decision.RegisterTaskDefinition register) {
      String uid = pass.release().getMetadata().getUid();
      String unregistered = firstAttempts.registering(uid);
      String arn;
      try {
        arn =
            aws.forRelease(pass.release())
                .ecs()
                .registerTaskDefinition(register.plan().request(), register.plan().tags(), uid);
      } catch (AwsBudgetWaitException notSent) {
        firstAttempts.notSent(uid, unregistered, pass.release().getStatus().releaseToken());
        throw notSent;
      }
      log.info("Registered task definition {}", arn);
      return plan.with(plan.facts().withTaskDefinitions(arn, null), plan.report());
    }

    @Override
    public Plan ensureInfrastructure(Decision.EnsureInfrastructure ensure) {
      return engine.ensureInfrastructure(pass, plan, ensure.change());
    }

    @Override
    public Plan start(Decision.Start start) {
      return engine.start(pass, plan, start.taskDefinitionArn());
    }

    @Override
    public Plan stop(Decision.Stop stop) {
      return engine.stop(pass, plan, stop.deploymentId());
    }

    @Override
    public Plan promote(Decision.Promote promote) {
      return engine.promote(pass, plan, promote.deploymentId());
    }

    @Override
    public Plan endBake(Decision.EndBake endBake) {
      return engine.endBake(pass, plan, endBake.deploymentId());
    }
  }
}
