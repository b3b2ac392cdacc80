package dev.ecsbluegreen.operator.chaos;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseSpec;
import dev.ecsbluegreen.operator.fixtures.Releases;
import java.time.Duration;

/**
 * One release of a chaos run: its own ECS service and deployment group (a "lane" named like the
 * release), how it is shaped, when the run applies it, and whether the run commits a second
 * generation while the first is still deploying.
 *
 * @param bakeMinutes the group's termination wait: how long blue is kept after the shift
 * @param applyAt when, from the start of the run, the release is created
 * @param changedInFlight whether a new image is committed while generation 1 deploys, so generation
 *     1 is stopped and rolled back and generation 2 deployed
 */
record ChaosRelease(
    String name,
    ReleaseShape shape,
    int canaryPercent,
    int canaryMinutes,
    int bakeMinutes,
    Duration applyAt,
    boolean changedInFlight) {

  /** How long a gated release's deployment waits for its promotion before CodeDeploy stops it. */
  static final int GATE_WAIT_MINUTES = 2880;

  /** The generation this release must end at. */
  long finalGeneration() {
    return changedInFlight ? 2 : 1;
  }

  EcsBlueGreenRelease manifest(String namespace) {
    return spec(namespace, "web:1").build();
  }

  /** The spec of the second generation: the same with a new image. */
  EcsBlueGreenReleaseSpec secondGeneration(String namespace) {
    return spec(namespace, "web:2").spec();
  }

  private Releases spec(String namespace, String image) {
    return shape
        .shape(Releases.release(name).namespace(namespace), canaryPercent, canaryMinutes)
        .group(name + "-app", name + "-dg")
        .image(image);
  }
}
