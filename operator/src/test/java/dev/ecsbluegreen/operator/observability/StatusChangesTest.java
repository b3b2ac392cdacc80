package dev.ecsbluegreen.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.LifecycleEventStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.observability.StatusChanges.Change;
import dev.ecsbluegreen.operator.observability.StatusChanges.Seen;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusChangesTest {
  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void aNewDeploymentIsSeenOnceWithItsCreationTime() {
    var created = status("d-1", Phase.Deploying, T0, null, List.of());

    assertThat(StatusChanges.newlySeen(status(null, Phase.Pending, null, null, List.of()), created))
        .containsExactly(new Seen(Change.DEPLOYMENT_CREATED, T0));
    assertThat(StatusChanges.newlySeen(created, created)).isEmpty();
  }

  @Test
  void lifecycleEventsAreSeenWhenTheyStartAndWhenTheyEnd() {
    var before =
        status("d-1", Phase.Deploying, T0, null, List.of(event("Install", "InProgress", T0, null)));
    var after =
        status(
            "d-1",
            Phase.TestTraffic,
            T0,
            null,
            List.of(
                event("Install", "Succeeded", T0, T0.plusSeconds(60)),
                event("AllowTestTraffic", "InProgress", T0.plusSeconds(61), null)));

    assertThat(StatusChanges.newlySeen(before, after))
        .containsExactly(
            new Seen(Change.LIFECYCLE_EVENT_ENDED, T0.plusSeconds(60)),
            new Seen(Change.LIFECYCLE_EVENT_STARTED, T0.plusSeconds(61)));
  }

  @Test
  void aRetriedReleasesNewDeploymentIsNewEvenIfTheOldOneHadTheSameFacts() {
    var old = status("d-1", Phase.RolledBack, T0, T0.plusSeconds(300), List.of());
    var retried = status("d-2", Phase.Deploying, T0.plusSeconds(400), null, List.of());

    assertThat(StatusChanges.newlySeen(old, retried))
        .containsExactly(new Seen(Change.DEPLOYMENT_CREATED, T0.plusSeconds(400)));
  }

  @Test
  void aFinishedReleaseIsCountedOnceWithCodeDeploysDuration() {
    var baking = status("d-1", Phase.Baking, T0, null, List.of());
    var succeeded = status("d-1", Phase.Succeeded, T0, T0.plusSeconds(900), List.of());

    assertThat(StatusChanges.finished(baking, succeeded))
        .hasValue(new StatusChanges.Finished(Phase.Succeeded, Duration.ofSeconds(900)));
    assertThat(StatusChanges.finished(succeeded, succeeded)).isEmpty();
    assertThat(StatusChanges.newlySeen(baking, succeeded))
        .containsExactly(new Seen(Change.DEPLOYMENT_COMPLETED, T0.plusSeconds(900)));
  }

  @Test
  void aReleaseRejectedBeforeAnyDeploymentHasNoDuration() {
    var failed = status(null, Phase.Failed, null, null, List.of());

    assertThat(StatusChanges.finished(null, failed)).isEmpty();
    assertThat(StatusChanges.newlySeen(null, failed)).isEmpty();
  }

  static EcsBlueGreenReleaseStatus status(
      String deploymentId,
      Phase phase,
      Instant started,
      Instant completed,
      List<LifecycleEventStatus> events) {
    return new EcsBlueGreenReleaseStatus(
        1L,
        phase,
        null,
        null,
        1L,
        0,
        null,
        deploymentId,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        events,
        started == null ? null : started.toString(),
        completed == null ? null : completed.toString(),
        null,
        null,
        null,
        null,
        null,
        null);
  }

  static LifecycleEventStatus event(String name, String status, Instant started, Instant ended) {
    return new LifecycleEventStatus(
        name, status, started.toString(), ended == null ? null : ended.toString());
  }
}
