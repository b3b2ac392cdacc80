package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.aws.TrackedDeployment;
import java.util.List;
import java.util.stream.Stream;

/**
 * What one pass read from AWS, depending on the stage. Only the reads the stage needs are made; the
 * rest stay null.
 *
 * @param deployment the tracked deployment; null when not tracking or when AWS no longer knows it
 * @param rollback the deployment the engine started to roll the tracked one back, if any
 * @param preparing what the engine read before a deployment id is recorded; null in other stages
 */
public record Observation(
    Stage stage, TrackedDeployment deployment, TrackedDeployment rollback, Preparing preparing) {

  /** Where a release stands, derived from the facts in its status (never from the phase). */
  public enum Stage {
    /** No token for the desired attempt yet: record the intent first. */
    NEW,
    /** Intent recorded, no deployment yet: find or create one. */
    PREPARING,
    /** A deployment (of this or an older attempt) has not reached its outcome. */
    TRACKING,
    /** The desired attempt reached its outcome; nothing to poll. */
    SETTLED
  }

  /**
   * An engine's reads before a deployment id is recorded. Only that engine's rules look inside; the
   * core asks only for the deployments among them, to show the one a plan adopts.
   */
  public interface Preparing {
    /** The deployments read (active ones, or this attempt's if it already ended). */
    List<? extends TrackedDeployment> deployments();
  }

  public static Observation only(Stage stage) {
    return new Observation(stage, null, null, null);
  }

  public static Observation tracked(TrackedDeployment deployment, TrackedDeployment rollback) {
    return new Observation(Stage.TRACKING, deployment, rollback, null);
  }

  public static Observation preparing(Preparing reads) {
    return new Observation(Stage.PREPARING, null, null, reads);
  }

  /** Every deployment this pass read, the tracked one first. */
  public Stream<TrackedDeployment> deploymentsSeen() {
    return Stream.concat(
        Stream.ofNullable(deployment),
        preparing == null ? Stream.empty() : preparing.deployments().stream());
  }
}
