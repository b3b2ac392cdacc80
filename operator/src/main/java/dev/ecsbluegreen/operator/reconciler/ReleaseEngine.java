package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.analysis.GreenTargetGroups;
import dev.ecsbluegreen.operator.analysis.ListenerRoutes;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.TrafficSplit;
import dev.ecsbluegreen.operator.aws.TrackedDeployment;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Instant;
import java.util.Optional;

/**
 * What deploys a release: reads its deployment, decides the steps before one exists, names the
 * phase of a running one, carries out the decisions that touch it, and cleans up on deletion. The
 * core (stage, token, intent, plan, status, conditions, requeue, actions, task definitions) calls
 * it and never names an engine; {@link ReleaseEngines} picks one per release from the spec.
 */
public interface ReleaseEngine {

  /** The engine's name on the status ({@code status.engine}, the ENGINE column). */
  String name();

  /**
   * What the pass's stage needs from AWS (nothing for NEW and SETTLED); never changes anything.
   * Failures no retry fixes go into the observation for the engine's rules to report; transient
   * ones propagate for JOSDK's retry.
   */
  Observation observe(ReleasePass pass);

  /** The plan before a deployment id is recorded (infrastructure, adoption, busy, deploy). Pure. */
  Plan prepare(ReleasePass pass, Facts facts, Observation observation, Instant now);

  /**
   * The phase, health and message of a tracked deployment. Pure. The deployments are the ones this
   * engine's observation read.
   *
   * @param rollback the deployment rolling it back, when known and read
   * @param taskDefinition family:revision being released, for the messages
   */
  Report report(TrackedDeployment deployment, TrackedDeployment rollback, String taskDefinition);

  /** Whether a deployment state this engine put into the facts means the deployment succeeded. */
  boolean succeeded(String deploymentStatus);

  /**
   * Whether the operator's events queue reports the changes of a deployment in this state: it still
   * runs and the engine's events are the ones the queue carries.
   */
  boolean eventsReport(String deploymentStatus);

  /** The production traffic of a deployment that is running (blue and green percentages). */
  TrafficSplit traffic(TrackedDeployment deployment);

  /**
   * When the deployment's next transition that needs no one (a traffic step, the end of a wait)
   * falls due, as far as the engine can tell; possibly already past. Empty when nothing predicts it
   * (a hook or install running). Pure.
   */
  Optional<Instant> transitionDue(TrackedDeployment deployment);

  /**
   * The earliest instant the running deployment can end on its own, from when it was created and
   * the waits its configuration adds up to (hooks and installs only make it later); empty when the
   * engine cannot tell. While pushed events report the deployment and nothing nearer is predicted,
   * the safety net looks from this instant on, so a lost event about its end shows promptly. Pure.
   */
  default Optional<Instant> earliestEnd(TrackedDeployment deployment) {
    return Optional.empty();
  }

  /** Carries out the decisions that act on the engine's infrastructure and deployments. */
  Execution execution();

  /** Where the engine's releases route their test and production listeners, for http checks. */
  ListenerRoutes listenerRoutes();

  /** Which target group green serves from, for metrics of green alone. */
  GreenTargetGroups greenTargetGroups();

  /** What deleting the release does in AWS (stop with rollback, or leave it); safe to repeat. */
  DeleteControl cleanup(ReleasePass pass);

  /**
   * The engine's side of {@link ReleaseExecutor}: at most one AWS mutation, whose result goes back
   * into the plan's facts and report (or into its action answer when there was nothing to act on).
   */
  interface Execution {
    Plan ensureInfrastructure(ReleasePass pass, Plan plan, InfrastructureChange change);

    Plan start(ReleasePass pass, Plan plan, String taskDefinitionArn);

    Plan stop(ReleasePass pass, Plan plan, String deploymentId);

    Plan promote(ReleasePass pass, Plan plan, String deploymentId);

    Plan endBake(ReleasePass pass, Plan plan, String deploymentId);
  }
}
