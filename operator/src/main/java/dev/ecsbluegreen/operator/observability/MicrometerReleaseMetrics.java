package dev.ecsbluegreen.operator.observability;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ReleaseMetrics} on Micrometer:
 *
 * <ul>
 *   <li>{@code ecs_bluegreen_releases{phase}}: releases whose last pass reported that phase; every
 *       phase is always present, so a phase that empties shows 0 rather than vanishing;
 *   <li>{@code ecs_bluegreen_release_duration_seconds{outcome}}: deployment created to Succeeded,
 *       RolledBack or Failed, by CodeDeploy's own timestamps;
 *   <li>{@code ecs_bluegreen_status_delay_seconds{change}}: from a CodeDeploy change (its AWS
 *       timestamp) to the first status that shows it, which is what a user watching {@code kubectl}
 *       waits: the poll interval plus the pass itself;
 *   <li>{@code ecs_bluegreen_analysis_runs_total{release,check,result}}: see {@link
 *       AnalysisRunMetrics}.
 * </ul>
 */
public final class MicrometerReleaseMetrics implements ReleaseMetrics {
  private final Map<ResourceID, Phase> phases = new ConcurrentHashMap<>();
  private final Map<Phase, Timer> durations = new ConcurrentHashMap<>();
  private final Map<StatusChanges.Change, Timer> delays = new ConcurrentHashMap<>();
  private final AnalysisRunMetrics analysisRuns;

  public MicrometerReleaseMetrics(MeterRegistry registry) {
    analysisRuns = new AnalysisRunMetrics(registry);
    for (Phase phase : Phase.values()) {
      Gauge.builder(OperatorMetrics.PREFIX + "releases", phases, p -> count(p, phase))
          .description("Releases by the phase their last reconcile reported")
          .tag("phase", phase.name())
          .strongReference(true)
          .register(registry);
    }
    for (Phase outcome : StatusChanges.OUTCOMES) {
      durations.put(
          outcome,
          Timer.builder(OperatorMetrics.PREFIX + "release.duration")
              .description("From the deployment's creation to its outcome")
              .tag("outcome", outcome.name())
              .publishPercentileHistogram()
              .minimumExpectedValue(Duration.ofSeconds(30))
              .maximumExpectedValue(Duration.ofHours(6))
              .register(registry));
    }
    for (var change : StatusChanges.Change.values()) {
      delays.put(
          change,
          Timer.builder(OperatorMetrics.PREFIX + "status.delay")
              .description("From a CodeDeploy change to the first release status showing it")
              .tag("change", change.tag())
              .publishPercentileHistogram()
              .minimumExpectedValue(Duration.ofMillis(100))
              .maximumExpectedValue(Duration.ofMinutes(10))
              .register(registry));
    }
  }

  @Override
  public void reported(
      ResourceID release,
      EcsBlueGreenReleaseStatus previous,
      EcsBlueGreenReleaseStatus current,
      Instant now) {
    if (current == null || current.phase() == null) {
      return;
    }
    phases.put(release, current.phase());
    for (var seen : StatusChanges.newlySeen(previous, current)) {
      var delay = Duration.between(seen.at(), now);
      // A negative delay means clocks disagree (ours behind AWS); it is no delay to anyone.
      delays.get(seen.change()).record(delay.isNegative() ? Duration.ZERO : delay);
    }
    analysisRuns.reported(release, previous, current);
    StatusChanges.finished(previous, current)
        .ifPresent(f -> durations.get(f.outcome()).record(f.duration()));
  }

  @Override
  public void forget(ResourceID release) {
    phases.remove(release);
  }

  private static double count(Map<ResourceID, Phase> phases, Phase phase) {
    return phases.values().stream().filter(phase::equals).count();
  }
}
