package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.taskdef.TaskDefinitionPlan;

/**
 * The one thing a pass does, in terms every engine understands. Code that acts on a decision goes
 * through {@link #accept}, and code that paces the next pass through {@link #pace}: a new decision
 * must implement both, so each place that handles decisions fails to compile until it handles the
 * new one too.
 */
public sealed interface Decision {

  <R> R accept(Handler<R> handler);

  /** How soon after this decision the release is looked at again. */
  Pace pace();

  /** One method per decision; implementing it is how a class handles every decision. */
  interface Handler<R> {
    R observe(Observe observe);

    R recordIntent(RecordIntent recordIntent);

    R ensureInfrastructure(EnsureInfrastructure ensure);

    R registerTaskDefinition(RegisterTaskDefinition register);

    R start(Start start);

    R stop(Stop stop);

    R promote(Promote promote);

    R endBake(EndBake endBake);
  }

  /** What the next look depends on. */
  enum Pace {
    /** Nothing changed in AWS: the report (phase, health) sets the interval. */
    BY_REPORT,
    /** One step of several was taken: look again soon to take the next. */
    NEXT_STEP,
    /** A rollback was started: follow it closely. */
    FOLLOW_ROLLBACK
  }

  /** Nothing to change in AWS: report (and possibly record facts such as an outcome). */
  record Observe() implements Decision {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.observe(this);
    }

    @Override
    public Pace pace() {
      return Pace.BY_REPORT;
    }
  }

  /** Record the intent (new token) in status before any AWS mutation of the attempt. */
  record RecordIntent() implements Decision {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.recordIntent(this);
    }

    @Override
    public Pace pace() {
      return Pace.NEXT_STEP;
    }
  }

  /** Create or update what the engine deploys through (a deployment group, ...); one mutation. */
  record EnsureInfrastructure(InfrastructureChange change) implements Decision {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.ensureInfrastructure(this);
    }

    @Override
    public Pace pace() {
      return Pace.NEXT_STEP;
    }
  }

  /** Register the task definition revision the release needs; one mutation. */
  record RegisterTaskDefinition(TaskDefinitionPlan.Register plan) implements Decision {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.registerTaskDefinition(this);
    }

    @Override
    public Pace pace() {
      return Pace.NEXT_STEP;
    }
  }

  /** Start the deployment of a task definition revision and record its id at once. */
  record Start(String taskDefinitionArn) implements Decision {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.start(this);
    }

    @Override
    public Pace pace() {
      return Pace.NEXT_STEP;
    }
  }

  /** Stop a deployment, rolling back to blue. */
  record Stop(String deploymentId) implements Decision {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.stop(this);
    }

    @Override
    public Pace pace() {
      return Pace.FOLLOW_ROLLBACK;
    }
  }

  /** Let a deployment waiting at the manual gate shift production traffic to green. */
  record Promote(String deploymentId) implements Decision {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.promote(this);
    }

    @Override
    public Pace pace() {
      return Pace.NEXT_STEP;
    }
  }

  /** End a deployment's bake now: blue is terminated without waiting out the bake time. */
  record EndBake(String deploymentId) implements Decision {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.endBake(this);
    }

    @Override
    public Pace pace() {
      return Pace.NEXT_STEP;
    }
  }
}
