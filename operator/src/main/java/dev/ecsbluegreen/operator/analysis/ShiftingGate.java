package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck.AnalysisPhase;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus.Verdict;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.aws.TrackedDeployment;
import dev.ecsbluegreen.operator.reconciler.Decision;
import dev.ecsbluegreen.operator.reconciler.Observation;
import dev.ecsbluegreen.operator.reconciler.Plan;
import dev.ecsbluegreen.operator.reconciler.ReleasePass;
import dev.ecsbluegreen.operator.reconciler.Report;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code ShiftingTraffic} checks: they start when production traffic begins to move to green
 * and run between the canary or linear steps. CodeDeploy cannot hold a shift, so a check can only
 * roll it back: at its failure limit the deployment is stopped with rollback ({@link
 * Decision.Stop}, the rollback action's path). A check still running when the shift ends is decided
 * from the runs it had ({@link CheckProgress#close}); it never holds the deployment.
 */
final class ShiftingGate {
  private static final Set<Phase> SHIFT_DONE = Set.of(Phase.Baking, Phase.Succeeded);

  private final AnalysisRuns runs;

  ShiftingGate(AnalysisRuns runs) {
    this.runs = runs;
  }

  /** The gated plan with this gate's checks added to (or updated in) the status. */
  AnalysisGate.Gated apply(
      ReleasePass pass, Observation observation, AnalysisGate.Gated gated, Instant now) {
    var release = pass.release();
    var spec = release.getSpec().analysis();
    List<AnalysisCheck> checks =
        spec.stream().filter(c -> c.phase() == AnalysisPhase.ShiftingTraffic).toList();
    var plan = gated.plan();
    TrackedDeployment deployment = observation.deployment();
    if (checks.isEmpty()
        || observation.stage() != Observation.Stage.TRACKING
        || deployment == null
        || !pass.current(plan.facts())) {
      return gated;
    }
    String deploymentId = deployment.deploymentId();
    var previous =
        release.getStatus() == null || release.getStatus().analysis() == null
            ? List.<AnalysisCheckStatus>of()
            : release.getStatus().analysis();
    Phase phase = plan.report().phase();
    boolean shifting = phase == Phase.ShiftingTraffic && !deployment.ended();
    boolean shiftDone = SHIFT_DONE.contains(phase);
    List<AnalysisCheckStatus> before = new ArrayList<>();
    for (var check : checks) {
      var known =
          previous.stream()
              .filter(s -> s.name().equals(check.name()) && deploymentId.equals(s.deploymentId()))
              .findFirst();
      if (known.isPresent()) {
        before.add(known.get());
      } else if (shifting || shiftDone) {
        before.add(CheckProgress.fresh(check, deploymentId, now));
      } else {
        before.add(null);
      }
    }
    if (before.stream().allMatch(s -> s == null)) {
      return merged(spec, gated, checks, List.of(), List.of(), plan, Optional.empty());
    }
    var id = ResourceID.fromResource(release);
    var finished = runs.take(id, deploymentId, AnalysisGate.names(checks));
    List<AnalysisCheckStatus> after = new ArrayList<>();
    List<AnalysisCheckStatus> verdicts = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      var check = checks.get(i);
      var status = before.get(i);
      if (status == null) {
        continue;
      }
      for (var run : finished) {
        if (run.check().equals(check.name())) {
          status = CheckProgress.record(status, check, run.measurement(), run.at());
        }
      }
      if (!shifting) {
        status = CheckProgress.close(status, deployment.ended() && !shiftDone);
      }
      if (status.verdict() != before.get(i).verdict() && status.verdict() != Verdict.Inconclusive) {
        verdicts.add(status);
      }
      after.add(status);
    }
    var failed = after.stream().filter(s -> s.verdict() == Verdict.Failed).findFirst();
    if (deployment.ended()) {
      return merged(
          spec,
          gated,
          checks,
          after,
          verdicts,
          AnalysisGate.explainRollback(plan, after, deploymentId),
          Optional.empty());
    }
    if (failed.isPresent()
        && plan.decision() instanceof Decision.Observe
        && deployment.stoppable()) {
      var check = failed.get();
      var report =
          Report.reconciling(
              Phase.RollingBack,
              AnalysisGate.FAILED,
              "Analysis check %s failed (%s) while production traffic moved: rolling back"
                      .formatted(check.name(), check.lastMessage())
                  + " deployment %s".formatted(deploymentId));
      return merged(
          spec,
          gated,
          checks,
          after,
          verdicts,
          new Plan(new Decision.Stop(deploymentId), plan.facts(), report, plan.acks()),
          Optional.empty());
    }
    if (!shifting) {
      return merged(spec, gated, checks, after, verdicts, plan, Optional.empty());
    }
    Instant due = null;
    for (int i = 0; i < checks.size(); i++) {
      var check = checks.get(i);
      var status = after.get(i);
      if (status.verdict() != Verdict.Running || runs.pending(id, deploymentId, check.name())) {
        continue;
      }
      Instant next = CheckProgress.due(status, check);
      if (!next.isAfter(now)) {
        runs.start(id, check, Subject.of(pass, deployment, status));
      } else if (due == null || next.isBefore(due)) {
        due = next;
      }
    }
    var report = plan.report();
    var withProgress =
        new Report(
            report.phase(),
            report.health(),
            report.reason(),
            "%s. Analysis: %s".formatted(trimmed(report.message()), progress(checks, after)));
    return merged(
        spec,
        gated,
        checks,
        after,
        verdicts,
        plan.decision() instanceof Decision.Observe ? plan.with(plan.facts(), withProgress) : plan,
        Optional.ofNullable(due));
  }

  /**
   * The statuses of every check in spec order: the other gates' as they left them, this gate's as
   * it counted them (none of this gate's checks before the shift began).
   */
  private static AnalysisGate.Gated merged(
      List<AnalysisCheck> spec,
      AnalysisGate.Gated gated,
      List<AnalysisCheck> checks,
      List<AnalysisCheckStatus> mine,
      List<AnalysisCheckStatus> verdicts,
      Plan plan,
      Optional<Instant> due) {
    var names = AnalysisGate.names(checks);
    List<AnalysisCheckStatus> analysis = new ArrayList<>();
    gated.analysis().stream().filter(s -> !names.contains(s.name())).forEach(analysis::add);
    analysis.addAll(mine);
    var order = spec.stream().map(AnalysisCheck::name).toList();
    analysis.sort(
        Comparator.comparingInt(
            s -> order.contains(s.name()) ? order.indexOf(s.name()) : order.size()));
    List<AnalysisCheckStatus> allVerdicts = new ArrayList<>(gated.verdicts());
    allVerdicts.addAll(verdicts);
    Optional<Instant> earliest =
        due.isEmpty() ? gated.due() : gated.due().filter(d -> d.isBefore(due.get())).or(() -> due);
    return new AnalysisGate.Gated(plan, List.copyOf(analysis), List.copyOf(allVerdicts), earliest);
  }

  private static String progress(List<AnalysisCheck> checks, List<AnalysisCheckStatus> statuses) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      parts.add(CheckProgress.summary(statuses.get(i), checks.get(i)));
    }
    return String.join("; ", parts);
  }

  private static String trimmed(String message) {
    return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
  }
}
