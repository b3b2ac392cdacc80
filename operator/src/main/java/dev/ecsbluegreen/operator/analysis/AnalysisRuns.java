package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus.Verdict;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.aws.TrackedDeployment;
import dev.ecsbluegreen.operator.reconciler.ReleasePass;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs checks on a small pool of its own, so a slow or unreachable target never holds a reconcile
 * thread. A finished run waits here until the release's next pass takes it into the status; the
 * pass is asked for at once. What is here is lost on a restart, which costs only a run: the status
 * is the record of the runs counted.
 */
public final class AnalysisRuns implements AutoCloseable {
  private static final int THREADS = 2;

  private final Clock clock;
  private final Function<AnalysisCheck, Provider> providers;
  private final CheckTargets targets;
  private final ExecutorService pool;
  private final Set<Key> running = ConcurrentHashMap.newKeySet();
  private final Map<Key, Finished> finished = new ConcurrentHashMap<>();
  private volatile Consumer<ResourceID> onFinished = release -> {};

  /**
   * @param targets what a check measures, resolved on the pool before each run (a listener's URL)
   */
  public AnalysisRuns(
      Clock clock, Function<AnalysisCheck, Provider> providers, CheckTargets targets) {
    this.clock = clock;
    this.providers = providers;
    this.targets = targets;
    var threads = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            THREADS,
            task -> {
              var thread = new Thread(task, "analysis-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** The providers this operator knows, by the one a check names. */
  public static AnalysisRuns withProviders(
      Clock clock,
      AwsAccess aws,
      TokenSecrets secrets,
      CheckTargets targets,
      GreenTargetGroups greenTargetGroups) {
    var http = new HttpProvider();
    var cloudWatch = new CloudWatchProvider(aws, greenTargetGroups, clock);
    var prometheus = new PrometheusProvider(secrets);
    return new AnalysisRuns(
        clock,
        check ->
            check.cloudWatch() != null
                ? cloudWatch
                : check.prometheus() != null ? prometheus : http,
        targets);
  }

  /** Who is told when a run of a release has finished. */
  public void onFinished(Consumer<ResourceID> listener) {
    onFinished = listener;
  }

  /** Starts a run unless one of this check is running or waits to be taken. */
  public void start(ResourceID release, AnalysisCheck check, Subject subject) {
    var key = new Key(release, subject.deploymentId(), check.name());
    if (finished.containsKey(key) || !running.add(key)) {
      return;
    }
    pool.execute(
        () -> {
          Measurement measurement;
          try {
            var target = targets.resolve(subject.release(), subject.deploymentId(), check);
            measurement = providers.apply(target).measure(target, subject);
          } catch (UnresolvedTargetException e) {
            measurement = Measurement.inconclusive(e.getMessage());
          } catch (RuntimeException e) {
            measurement = Measurement.inconclusive("the check could not run: " + e.getMessage());
          }
          finished.put(key, new Finished(check.name(), measurement, clock.instant()));
          running.remove(key);
          onFinished.accept(release);
        });
  }

  /** Whether a run of this check is under way or waits to be taken. */
  public boolean pending(ResourceID release, String deploymentId, String check) {
    var key = new Key(release, deploymentId, check);
    return running.contains(key) || finished.containsKey(key);
  }

  /**
   * Takes the finished runs of these checks of the release: those of this deployment are returned,
   * those of any other (an earlier deployment) are dropped. Runs of other checks stay for whoever
   * counts them.
   */
  public List<Finished> take(ResourceID release, String deploymentId, Collection<String> checks) {
    List<Finished> taken = new ArrayList<>();
    for (var key : List.copyOf(finished.keySet())) {
      if (!key.release().equals(release)) {
        continue;
      }
      if (!key.deploymentId().equals(deploymentId)) {
        finished.remove(key);
      } else if (checks.contains(key.check())) {
        var run = finished.remove(key);
        if (run != null) {
          taken.add(run);
        }
      }
    }
    return taken;
  }

  /**
   * The checks' statuses with this deployment's finished runs counted in: what each gate does first
   * on every pass.
   *
   * @param statuses the checks' statuses before, in the order of {@code checks}
   * @return their statuses after, in the same order
   */
  public List<AnalysisCheckStatus> count(
      ResourceID release,
      String deploymentId,
      List<AnalysisCheck> checks,
      List<AnalysisCheckStatus> statuses) {
    var finished = take(release, deploymentId, AnalysisGate.names(checks));
    List<AnalysisCheckStatus> counted = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      var check = checks.get(i);
      var status = statuses.get(i);
      for (var run : finished) {
        if (run.check().equals(check.name())) {
          status = CheckProgress.record(status, check, run.measurement(), run.at());
        }
      }
      counted.add(status);
    }
    return counted;
  }

  /**
   * Starts the runs that are due of the checks still counting, and says when the next one that
   * waits is due. A check with a run under way or waiting to be counted starts none: its next run
   * is timed from that run once counted.
   *
   * @param statuses the checks' statuses, in the order of {@code checks}
   * @return when the earliest run not started yet is due; empty when none waits
   */
  public Optional<Instant> startDue(
      ReleasePass pass,
      TrackedDeployment deployment,
      List<AnalysisCheck> checks,
      List<AnalysisCheckStatus> statuses,
      Instant now) {
    var release = ResourceID.fromResource(pass.release());
    Instant due = null;
    for (int i = 0; i < checks.size(); i++) {
      var check = checks.get(i);
      var status = statuses.get(i);
      if (status.verdict() != Verdict.Running
          || pending(release, deployment.deploymentId(), check.name())) {
        continue;
      }
      Instant next = CheckProgress.due(status, check);
      if (!next.isAfter(now)) {
        start(release, check, Subject.of(pass, deployment, status));
      } else if (due == null || next.isBefore(due)) {
        due = next;
      }
    }
    return Optional.ofNullable(due);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  /** A finished run of a check. */
  public record Finished(String check, Measurement measurement, Instant at) {}

  private record Key(ResourceID release, String deploymentId, String check) {}
}
