package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import java.time.Instant;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a pass's results to Kubernetes: writes the status once (skipped when unchanged) and
 * records the Events for the answered action requests and for a phase change. Action annotations
 * are never removed: the handled value goes into the status, so the metadata stays what Git or the
 * user wrote and a GitOps tool sees no drift.
 *
 * <p>The status goes out as a full status update with optimistic locking through {@link
 * PrimaryUpdateAndCacheUtils}, which caches the result, so the next pass is guaranteed to see
 * recorded tokens and deployment ids. A merge patch could not clear a field (absent fields are
 * kept), and a new attempt must clear the previous deployment's. A conflict means the release
 * changed after the pass read it: the write is retried on the fresher copy with the status rebuilt
 * for it ({@link ReleaseStatusFactory#rebase}), never with the old copy's status pasted on.
 */
public final class ReleaseRecorder {
  private static final Logger log = LoggerFactory.getLogger(ReleaseRecorder.class);

  private final ReleaseEvents events;
  private final ReleaseStatusFactory statusFactory = new ReleaseStatusFactory();

  public ReleaseRecorder(ReleaseEvents events) {
    this.events = events;
  }

  /**
   * @param status what the pass built from {@code release}, the copy it read
   * @param now the instant the pass built it at
   */
  public void record(
      EcsBlueGreenRelease release,
      EcsBlueGreenReleaseStatus status,
      Plan plan,
      Instant now,
      Context<EcsBlueGreenRelease> context) {
    var previous = release.getStatus();
    if (!Objects.equals(previous, status)) {
      writeStatus(
          release,
          fresh -> statusFactory.rebase(status, previous, fresh, plan.acks(), now),
          context);
    }
    for (var ack : plan.acks()) {
      events.record(
          context.getClient(),
          release,
          ack.applied() ? "ActionApplied" : "ActionIgnored",
          "%s=%s: %s".formatted(ack.annotation(), ack.value(), ack.message()),
          !ack.applied());
    }
    Phase before = previous == null ? null : previous.phase();
    if (status.phase() != before) {
      log.info("Release moved to phase {}: {}", status.phase(), status.message());
      events.record(
          context.getClient(),
          release,
          plan.report().reason(),
          status.message(),
          plan.report().health() == Conditions.Health.STALLED);
    }
  }

  /**
   * Writes the status {@code statusFor} gives for the release's latest status: first for the copy
   * the pass read, then, after each conflict, for the fresher copy. Returns the status written.
   */
  public static EcsBlueGreenReleaseStatus writeStatus(
      EcsBlueGreenRelease release,
      UnaryOperator<EcsBlueGreenReleaseStatus> statusFor,
      Context<EcsBlueGreenRelease> context) {
    return PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(
            release, context, latest -> withStatus(latest, statusFor.apply(latest.getStatus())))
        .getStatus();
  }

  /** A copy of the resource carrying the new status; the cached object is never changed. */
  static EcsBlueGreenRelease withStatus(
      EcsBlueGreenRelease latest, EcsBlueGreenReleaseStatus status) {
    var copy = new EcsBlueGreenRelease();
    copy.setMetadata(latest.getMetadata());
    copy.setSpec(latest.getSpec());
    copy.setStatus(status);
    return copy;
  }
}
