package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck.AnalysisPhase;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus.Verdict;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.ActionResult;
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
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The analysis gates of a pass: the {@code TestTraffic} gate here, then the {@code ShiftingTraffic}
 * checks ({@link ShiftingGate}), whose statuses it merges in. The {@code TestTraffic} gate: while a
 * deployment holds with test traffic on green, it counts the finished runs of the release's checks
 * into their status, starts the runs that are due, and turns the planner's plan into what the
 * checks allow. Production traffic moves ({@link Decision.Promote}) only when every check passed
 * and, with manual promotion, a promote was asked for; a failed check stops the deployment with
 * rollback ({@link Decision.Stop}). A promote asked for while the checks still count is accepted
 * and kept: it moves production traffic as soon as they pass, and never overrides a failure. It
 * leaves a plan that already changes AWS for another reason (a rollback request, a new generation)
 * alone.
 *
 * <p>It knows no engine. Each engine holds the deployment its own way when the release has such
 * checks (CodeDeploy at the ready wait, ECS at a PAUSE hook), shows the hold as {@link
 * TrackedDeployment#awaitingPromotion()}, and carries out the gate's Promote and Stop (CodeDeploy:
 * ContinueDeployment, StopDeployment with rollback; ECS: ContinueServiceDeployment with CONTINUE or
 * ROLLBACK).
 */
public final class AnalysisGate {
  public static final String RUNNING = "AnalysisRunning";
  public static final String PASSED = "AnalysisPassed";
  public static final String FAILED = "AnalysisFailed";

  private final AnalysisRuns runs;
  private final ShiftingGate shifting;

  public AnalysisGate(AnalysisRuns runs) {
    this.runs = runs;
    this.shifting = new ShiftingGate(runs);
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
    return shifting.apply(pass, observation, testTraffic(pass, observation, plan, now), now);
  }

  private Gated testTraffic(ReleasePass pass, Observation observation, Plan plan, Instant now) {
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
    var after = runs.count(id, deploymentId, checks, before);
    var verdicts = decided(before, after);
    // Ended, or rolling back within itself (ECS): nothing is left to gate, only to explain.
    if (!deployment.stoppable()) {
      var closed = after.stream().map(CheckProgress::abandon).toList();
      return new Gated(
          explainRollback(plan, closed, deploymentId), closed, verdicts, Optional.empty());
    }
    if (!deployment.awaitingPromotion()) {
      // The target can be read a step ahead of the deployment: green ready for the gate before
      // the engine says the deployment waits. The checks start on the next pass; until then the
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
    return gate(pass, plan, checks, after, verdicts, id, deployment, now);
  }

  private Gated gate(
      ReleasePass pass,
      Plan plan,
      List<AnalysisCheck> checks,
      List<AnalysisCheckStatus> after,
      List<AnalysisCheckStatus> verdicts,
      ResourceID id,
      TrackedDeployment deployment,
      Instant now) {
    String deploymentId = deployment.deploymentId();
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
      if (pass.release().getSpec().promotion().mode() == PromotionMode.Manual
          && !promoteAccepted(pass.release().getStatus(), after)) {
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
    var due = runs.startDue(pass, deployment, checks, after, now);
    boolean accepted = promoting || promoteAccepted(pass.release().getStatus(), after);
    var report = accepted ? promoted(progress, deploymentId) : running(checks, after, deploymentId);
    var acks =
        promoting
            ? accepted(
                plan,
                "Promote accepted for deployment %s: production traffic moves to green once"
                        .formatted(deploymentId)
                    + " analysis passed ("
                    + progress
                    + "); a failed check still rolls back")
            : plan.acks();
    return new Gated(
        new Plan(new Decision.Observe(), plan.facts(), report, acks), after, verdicts, due);
  }

  /**
   * A deployment the gate stopped reports the engine's own reason (CodeDeploy's manual stop, ECS's
   * refused PAUSE hook): say which check failed and what it measured instead, on the status and in
   * the history.
   */
  static Plan explainRollback(Plan plan, List<AnalysisCheckStatus> after, String deploymentId) {
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

  /**
   * Whether a promote was accepted for this deployment while its checks counted: one handled since
   * they started (both times are the operator's clock). It stands until the checks decide.
   */
  private static boolean promoteAccepted(
      EcsBlueGreenReleaseStatus status, List<AnalysisCheckStatus> checks) {
    var promote = status == null || status.actions() == null ? null : status.actions().promote();
    if (promote == null || promote.result() != ActionResult.Applied || promote.at() == null) {
      return false;
    }
    Instant at = Instant.parse(promote.at());
    return checks.stream().noneMatch(c -> at.isBefore(Instant.parse(c.startedAt())));
  }

  private static Report promoted(String progress, String deploymentId) {
    return Report.reconciling(
        Phase.TestTraffic,
        RUNNING,
        ("Analysis: %s; promoted, production traffic moves to green once every check passed"
                + " (deployment %s)")
            .formatted(progress, deploymentId));
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

  /**
   * The statuses of {@code after} whose verdict differs from the same check's in {@code before}.
   */
  static List<AnalysisCheckStatus> decided(
      List<AnalysisCheckStatus> before, List<AnalysisCheckStatus> after) {
    List<AnalysisCheckStatus> decided = new ArrayList<>();
    for (int i = 0; i < after.size(); i++) {
      if (after.get(i).verdict() != before.get(i).verdict()) {
        decided.add(after.get(i));
      }
    }
    return decided;
  }

  static Set<String> names(List<AnalysisCheck> checks) {
    return checks.stream().map(AnalysisCheck::name).collect(Collectors.toSet());
  }

  private static List<Plan.Ack> accepted(Plan plan, String message) {
    return plan.acks().stream()
        .map(a -> a.applied() ? new Plan.Ack(a.annotation(), a.value(), true, message) : a)
        .toList();
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
