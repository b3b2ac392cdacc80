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
 * and run between the canary or linear steps. Neither engine can hold a shift, so a check can only
 * roll it back: at its failure limit the deployment is stopped with rollback ({@link
 * Decision.Stop}, the rollback action's path: StopDeployment on CodeDeploy, StopServiceDeployment
 * ROLLBACK on ECS). A check still running when the shift ends is decided from the runs it had
 * ({@link CheckProgress#close}); it never holds the deployment.
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
    List<AnalysisCheck> started = new ArrayList<>();
    List<AnalysisCheckStatus> counting = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      if (before.get(i) != null) {
        started.add(checks.get(i));
        counting.add(before.get(i));
      }
    }
    var id = ResourceID.fromResource(release);
    var after = runs.count(id, deploymentId, started, counting);
    if (!shifting) {
      boolean ended = deployment.ended() && !shiftDone;
      after = after.stream().map(s -> CheckProgress.close(s, ended)).toList();
    }
    // A check the shift's end closed undecided gets no Event of its own.
    List<AnalysisCheckStatus> verdicts =
        AnalysisGate.decided(counting, after).stream()
            .filter(s -> s.verdict() != Verdict.Inconclusive)
            .toList();
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
    var due = runs.startDue(pass, deployment, started, after, now);
    var report = plan.report();
    var withProgress =
        new Report(
            report.phase(),
            report.health(),
            report.reason(),
            "%s. Analysis: %s"
                .formatted(trimmed(report.message()), AnalysisGate.progress(started, after)));
    return merged(
        spec,
        gated,
        checks,
        after,
        verdicts,
        plan.decision() instanceof Decision.Observe ? plan.with(plan.facts(), withProgress) : plan,
        due);
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

  private static String trimmed(String message) {
    return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
  }
}
