package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.aws.ReleaseIdentity;
import dev.ecsbluegreen.operator.reconciler.Observation.Stage;
import java.util.Objects;

/**
 * What one pass knows about a release before it reads AWS: the engine that deploys it, its stage,
 * the token of the attempt the spec asks for, and who side effects in AWS belong to. Built once per
 * pass from the resource and handed to the engine, planner, actions and executor, so they all agree
 * without deriving it again.
 *
 * @param desiredToken the token of the attempt the spec asks for now
 * @param retryCount the retries of the current generation so far (0 after a new generation)
 * @param identity the owner written into AWS: the recorded token once there is one
 */
public record ReleasePass(
    EcsBlueGreenRelease release,
    ReleaseEngine engine,
    Stage stage,
    String desiredToken,
    int retryCount,
    ReleaseIdentity identity) {

  public static ReleasePass of(EcsBlueGreenRelease release, ReleaseEngine engine) {
    var metadata = release.getMetadata();
    var status = release.getStatus();
    int retries = retryCount(release);
    String desired = ReleaseToken.of(metadata.getUid(), metadata.getGeneration(), retries);
    var identity =
        new ReleaseIdentity(
            metadata.getNamespace(),
            metadata.getName(),
            metadata.getUid(),
            metadata.getGeneration(),
            status == null ? desired : status.releaseToken());
    return new ReleasePass(release, engine, stage(release, desired), desired, retries, identity);
  }

  /** Whether the recorded attempt is the one the spec asks for now. */
  public boolean current(Facts facts) {
    return desiredToken.equals(facts.releaseToken());
  }

  /** Whether the recorded attempt ended in success (nothing to deploy counts as success). */
  public boolean succeeded(Facts facts) {
    return facts.completedAt() != null
        && (facts.deploymentId() == null || engine.succeeded(facts.deploymentStatus()));
  }

  public long generation() {
    return release.getMetadata().getGeneration();
  }

  /** The stage, from the facts in status (never from the phase). */
  private static Stage stage(EcsBlueGreenRelease release, String desiredToken) {
    var status = release.getStatus();
    if (status == null || status.releaseToken() == null) {
      return Stage.NEW;
    }
    boolean done = status.completedAt() != null;
    if (status.deploymentId() != null && !done) {
      return Stage.TRACKING;
    }
    if (!desiredToken.equals(status.releaseToken())) {
      return Stage.NEW;
    }
    return done ? Stage.SETTLED : Stage.PREPARING;
  }

  private static int retryCount(EcsBlueGreenRelease release) {
    var status = release.getStatus();
    if (status == null
        || status.retryCount() == null
        || !Objects.equals(status.releaseGeneration(), release.getMetadata().getGeneration())) {
      return 0;
    }
    return status.retryCount();
  }
}
