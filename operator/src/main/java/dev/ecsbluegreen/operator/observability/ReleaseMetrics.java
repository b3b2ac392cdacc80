package dev.ecsbluegreen.operator.observability;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Instant;

/**
 * What the reconciler tells the metrics about releases: the only coupling between the two. Every
 * pass reports the status it settled on, so a freshly elected leader learns the phase of releases
 * that have not moved in hours.
 */
public interface ReleaseMetrics {

  /** Metrics off: what the reconciler uses unless told otherwise. */
  ReleaseMetrics NONE =
      new ReleaseMetrics() {
        @Override
        public void reported(
            ResourceID release,
            EcsBlueGreenReleaseStatus previous,
            EcsBlueGreenReleaseStatus current,
            Instant now) {}

        @Override
        public void forget(ResourceID release) {}
      };

  /**
   * A pass settled on {@code current} for the release; {@code previous} is the status it started
   * from (null for a new release). {@code now} is the reconciler's clock, the one AWS timestamps
   * are compared with.
   */
  void reported(
      ResourceID release,
      EcsBlueGreenReleaseStatus previous,
      EcsBlueGreenReleaseStatus current,
      Instant now);

  /** The release is gone (deleted, or no longer watched): it no longer counts in any phase. */
  void forget(ResourceID release);
}
