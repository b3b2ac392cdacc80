package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck.AnalysisPhase;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus.Verdict;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.HistoryEntry;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.Promotion.PromotionMode;
import dev.ecsbluegreen.operator.aws.TrackedDeployment;
import dev.ecsbluegreen.operator.reconciler.Decision;
import dev.ecsbluegreen.operator.reconciler.Observation;
import dev.ecsbluegreen.operator.reconciler.Plan;
import dev.ecsbluegreen.operator.reconciler.ReleasePass;
import dev.ecsbluegreen.operator.reconciler.Report;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code TestTraffic} gate: while a deployment waits at the ready wait with test traffic on
 * green, it counts the finished runs of the release's checks into their status, starts the runs
 * that are due, and turns the planner's plan into what the checks allow. Production traffic moves
 * ({@link Decision.Promote}) only when every check passed and, with manual promotion, a promote was
 * asked for; a failed check stops the deployment with rollback ({@link Decision.Stop}). It leaves a
 * plan that already changes AWS for another reason (a rollback request, a new generation) alone.
 */
public final class AnalysisGate {
  public static final String RUNNING = "AnalysisRunning";
  public static final String PASSED = "AnalysisPassed";
  public static final String FAILED = "AnalysisFailed";

  private final AnalysisRuns runs;

  public AnalysisGate(AnalysisRuns runs) {
    this.runs = runs;
  }

  /**
   * The gated plan and the checks' status.
   *
   * @param verdicts checks that reached their verdict in this pass, for an Event each
   * @param due when the next run is due, if one waits
   */
  public record Gated(
      Plan plan,
      List<AnalysisCheckStatus> analysis,
      List<AnalysisCheckStatus> verdicts,
      Optional<Instant> due) {}

  public Gated apply(ReleasePass pass, Observation observation, Plan plan, Instant now) {
    var release = pass.release();
    var previous =
        release.getStatus() == null || release.getStatus().analysis() == null
            ? List.<AnalysisCheckStatus>of()
            : release.getStatus().analysis();
    List<AnalysisCheck> checks =
        release.getSpec().analysis().stream()
            .filter(c -> c.phase() == AnalysisPhase.TestTraffic)
            .toList();
    TrackedDeployment deployment = observation.deployment();
    if (checks.isEmpty()
        || observation.stage() != Observation.Stage.TRACKING
        || deployment == null
        || !pass.current(plan.facts())) {
      return unchanged(plan, previous);
    }
    var id = ResourceID.fromResource(release);
    String deploymentId = deployment.deploymentId();
    List<AnalysisCheckStatus> before = new ArrayList<>();
    for (var check : checks) {
      before.add(
          previous.stream()
              .filter(s -> s.name().equals(check.name()) && deploymentId.equals(s.deploymentId()))
              .findFirst()
              .orElseGet(() -> CheckProgress.fresh(check, deploymentId, now)));
    }
    var finished = runs.take(id, deploymentId);
    List<AnalysisCheckStatus> after = new ArrayList<>();
    List<AnalysisCheckStatus> verdicts = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      var check = checks.get(i);
      var status = before.get(i);
      for (var run : finished) {
        if (run.check().equals(check.name())) {
          status = CheckProgress.record(status, check, run.measurement(), run.at());
        }
      }
      if (status.verdict() != before.get(i).verdict()) {
        verdicts.add(status);
      }
      after.add(status);
    }
    if (deployment.ended()) {
      return new Gated(
          explainRollback(plan, after, deploymentId), after, verdicts, Optional.empty());
    }
    if (!deployment.awaitingPromotion()) {
      // The target can be read a step ahead of the deployment: green ready for the gate before
      // CodeDeploy says the deployment waits. The checks start on the next pass; until then the
      // release stays in TestTraffic rather than showing AwaitingPromotion and stepping back.
      if (plan.report().phase() == Phase.AwaitingPromotion
          && plan.decision() instanceof Decision.Observe) {
        return new Gated(
            plan.with(plan.facts(), running(checks, after, deploymentId)),
            after,
            verdicts,
            Optional.empty());
      }
      return new Gated(plan, after, verdicts, Optional.empty());
    }
    return gate(pass, plan, checks, after, verdicts, id, deploymentId, now);
  }

  private Gated gate(
      ReleasePass pass,
      Plan plan,
      List<AnalysisCheck> checks,
      List<AnalysisCheckStatus> after,
      List<AnalysisCheckStatus> verdicts,
      ResourceID id,
      String deploymentId,
      Instant now) {
    var decision = plan.decision();
    boolean promoting = decision instanceof Decision.Promote;
    if (!(decision instanceof Decision.Observe) && !promoting) {
      return new Gated(plan, after, verdicts, Optional.empty());
    }
    var failed = after.stream().filter(s -> s.verdict() == Verdict.Failed).findFirst();
    if (failed.isPresent()) {
      var check = failed.get();
      var report =
          Report.reconciling(
              Phase.RollingBack,
              FAILED,
              "Analysis check %s failed (%s): rolling back deployment %s"
                  .formatted(check.name(), check.lastMessage(), deploymentId));
      return new Gated(
          new Plan(
              new Decision.Stop(deploymentId),
              plan.facts(),
              report,
              notApplied(plan, "analysis check " + check.name() + " failed")),
          after,
          verdicts,
          Optional.empty());
    }
    String progress = progress(checks, after);
    if (after.stream().allMatch(s -> s.verdict() == Verdict.Passed)) {
      if (promoting) {
        return new Gated(plan, after, verdicts, Optional.empty());
      }
      if (pass.release().getSpec().promotion().mode() == PromotionMode.Manual) {
        var report =
            Report.reconciling(
                plan.report().phase(),
                plan.report().reason(),
                "Analysis passed (%s). %s".formatted(progress, plan.report().message()));
        return new Gated(plan.with(plan.facts(), report), after, verdicts, Optional.empty());
      }
      var report =
          Report.reconciling(
              Phase.ShiftingTraffic,
              PASSED,
              "Analysis passed (%s): shifting production traffic to green".formatted(progress));
      return new Gated(
          new Plan(new Decision.Promote(deploymentId), plan.facts(), report, plan.acks()),
          after,
          verdicts,
          Optional.empty());
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
        runs.start(pass.release(), deploymentId, check);
      } else if (due == null || next.isBefore(due)) {
        due = next;
      }
    }
    var report = running(checks, after, deploymentId);
    var acks =
        promoting
            ? notApplied(plan, "analysis has not passed yet (" + progress + ")")
            : plan.acks();
    return new Gated(
        new Plan(new Decision.Observe(), plan.facts(), report, acks),
        after,
        verdicts,
        Optional.ofNullable(due));
  }

  /**
   * A deployment the gate stopped ended as CodeDeploy's manual stop: say which check failed and
   * what it measured instead, on the status and in the history.
   */
  private static Plan explainRollback(
      Plan plan, List<AnalysisCheckStatus> after, String deploymentId) {
    var failed = after.stream().filter(s -> s.verdict() == Verdict.Failed).findFirst();
    var phase = plan.report().phase();
    if (failed.isEmpty() || (phase != Phase.RolledBack && phase != Phase.RollingBack)) {
      return plan;
    }
    var check = failed.get();
    String message =
        "%s: analysis check %s failed (%s)"
            .formatted(
                phase == Phase.RolledBack ? "Rolled back" : "Rolling back",
                check.name(),
                check.lastMessage());
    var report = new Report(phase, plan.report().health(), FAILED, message);
    var facts = plan.facts();
    var history =
        facts.history().stream()
            .map(
                h ->
                    Objects.equals(h.deploymentId(), deploymentId)
                            && h.outcome() == Phase.RolledBack
                        ? new HistoryEntry(
                            h.generation(),
                            h.deploymentId(),
                            h.taskDefinitionArn(),
                            h.outcome(),
                            message,
                            h.completedAt())
                        : h)
            .toList();
    return plan.with(facts.toBuilder().history(history).build(), report);
  }

  private static Report running(
      List<AnalysisCheck> checks, List<AnalysisCheckStatus> statuses, String deploymentId) {
    return Report.reconciling(
        Phase.TestTraffic,
        RUNNING,
        "Analysis: %s; production traffic waits on green's test traffic (deployment %s)"
            .formatted(progress(checks, statuses), deploymentId));
  }

  /** Every check's progress, e.g. {@code smoke 2/3 passed; latency 0/2 passed, 1 inconclusive}. */
  static String progress(List<AnalysisCheck> checks, List<AnalysisCheckStatus> statuses) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      parts.add(CheckProgress.summary(statuses.get(i), checks.get(i)));
    }
    return parts.stream().collect(Collectors.joining("; "));
  }

  private static List<Plan.Ack> notApplied(Plan plan, String why) {
    return plan.acks().stream()
        .map(a -> a.applied() ? a.notApplied(why + ": production traffic does not move") : a)
        .toList();
  }

  private static Gated unchanged(Plan plan, List<AnalysisCheckStatus> previous) {
    return new Gated(plan, previous, List.of(), Optional.empty());
  }
}
