package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.aws.DeploymentSnapshot.LifecycleEvent;
import java.time.Instant;
import java.util.List;

/**
 * What the engine-neutral core reads of any engine's deployment: its id, where it stands, and what
 * the status shows of it. Everything else about a deployment only its engine looks at.
 */
public interface TrackedDeployment {
  /** The id the status records: a CodeDeploy deployment id or an ECS service deployment ARN. */
  String deploymentId();

  /** The state in the engine's words, as {@code status.deploymentStatus} shows it. */
  String status();

  /** Whether the deployment reached an end state; nothing can be stopped or continued then. */
  boolean ended();

  /**
   * Whether stopping it with rollback would change anything: it still runs and no rollback of it
   * has begun. ECS rolls a deployment back within itself, so one that is rolling back has not ended
   * yet but must not be stopped again.
   */
  default boolean stoppable() {
    return !ended() && rollbackDeploymentId() == null;
  }

  /** Whether the deployment holds before production traffic until someone promotes it. */
  boolean awaitingPromotion();

  /** A separate deployment the engine started to roll this one back; null when none. */
  String rollbackDeploymentId();

  /** The deployment configuration in effect, as {@code status.deploymentConfig} shows it. */
  String deploymentConfig();

  Instant createTime();

  Instant completeTime();

  /**
   * The name of the target group green serves from, for metrics of green alone; null when this read
   * does not say.
   */
  default String greenTargetGroup() {
    return null;
  }

  /** The lifecycle events or stages to show on the status; null when this read has none. */
  List<LifecycleEvent> lifecycleEvents();
}
