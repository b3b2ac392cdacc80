package dev.ecsbluegreen.operator.observability;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.LifecycleEventStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a status shows for the first time compared with the one before it: AWS-side changes with the
 * instant AWS says they happened, and a release that just ended. Pure, so that "first time" is
 * decided in one place: a pass that reports nothing new yields nothing, and a new leader starting
 * from a status its predecessor wrote does not count those facts again.
 */
public final class StatusChanges {

  /**
   * The kinds of CodeDeploy change whose reporting delay is measured; a closed set (metric tag).
   */
  public enum Change {
    DEPLOYMENT_CREATED("deployment_created"),
    LIFECYCLE_EVENT_STARTED("lifecycle_event_started"),
    LIFECYCLE_EVENT_ENDED("lifecycle_event_ended"),
    DEPLOYMENT_COMPLETED("deployment_completed");

    private final String tag;

    Change(String tag) {
      this.tag = tag;
    }

    public String tag() {
      return tag;
    }
  }

  /** A change AWS made at {@code at}, which the status now shows. */
  public record Seen(Change change, Instant at) {}

  /** A release that reached {@code outcome}, {@code duration} after its deployment was created. */
  public record Finished(Phase outcome, Duration duration) {}

  static final Set<Phase> OUTCOMES = Set.of(Phase.Succeeded, Phase.RolledBack, Phase.Failed);

  private StatusChanges() {}

  public static List<Seen> newlySeen(
      EcsBlueGreenReleaseStatus previous, EcsBlueGreenReleaseStatus current) {
    if (current == null || current.deploymentId() == null) {
      return List.of();
    }
    // Facts of an earlier deployment say nothing about this one.
    var before = sameDeployment(previous, current) ? previous : null;
    var seen = new ArrayList<Seen>();
    newValue(before, current, EcsBlueGreenReleaseStatus::startedAt)
        .ifPresent(at -> seen.add(new Seen(Change.DEPLOYMENT_CREATED, at)));
    Map<String, LifecycleEventStatus> earlierEvents = events(before);
    for (var event :
        current.lifecycleEvents() == null
            ? List.<LifecycleEventStatus>of()
            : current.lifecycleEvents()) {
      var earlier = earlierEvents.get(event.name());
      newValue(earlier, event, LifecycleEventStatus::startedAt)
          .ifPresent(at -> seen.add(new Seen(Change.LIFECYCLE_EVENT_STARTED, at)));
      newValue(earlier, event, LifecycleEventStatus::endedAt)
          .ifPresent(at -> seen.add(new Seen(Change.LIFECYCLE_EVENT_ENDED, at)));
    }
    newValue(before, current, EcsBlueGreenReleaseStatus::completedAt)
        .ifPresent(at -> seen.add(new Seen(Change.DEPLOYMENT_COMPLETED, at)));
    return seen;
  }

  /** The release's deployment ended with this status, and the status before did not say so. */
  public static Optional<Finished> finished(
      EcsBlueGreenReleaseStatus previous, EcsBlueGreenReleaseStatus current) {
    if (current == null || !OUTCOMES.contains(current.phase())) {
      return Optional.empty();
    }
    if (sameDeployment(previous, current) && previous.phase() == current.phase()) {
      return Optional.empty();
    }
    var started = instant(current.startedAt());
    var completed = instant(current.completedAt());
    if (started.isEmpty() || completed.isEmpty()) {
      return Optional.empty(); // nothing was deployed, e.g. rejected before any deployment
    }
    return Optional.of(
        new Finished(current.phase(), Duration.between(started.get(), completed.get())));
  }

  private static boolean sameDeployment(
      EcsBlueGreenReleaseStatus previous, EcsBlueGreenReleaseStatus current) {
    return previous != null && Objects.equals(previous.deploymentId(), current.deploymentId());
  }

  private static Map<String, LifecycleEventStatus> events(EcsBlueGreenReleaseStatus status) {
    if (status == null || status.lifecycleEvents() == null) {
      return Map.of();
    }
    return status.lifecycleEvents().stream()
        .filter(e -> e.name() != null)
        .collect(Collectors.toMap(LifecycleEventStatus::name, e -> e, (a, b) -> b));
  }

  private static <T> Optional<Instant> newValue(T before, T now, Function<T, String> field) {
    var value = field.apply(now);
    if (value == null || (before != null && field.apply(before) != null)) {
      return Optional.empty();
    }
    return instant(value);
  }

  private static Optional<Instant> instant(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
