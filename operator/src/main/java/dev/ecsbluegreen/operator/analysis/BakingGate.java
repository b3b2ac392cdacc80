package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck.AnalysisPhase;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus.Verdict;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Baking} gate: while production runs on green and blue is kept (CodeDeploy's
 * termination wait, ECS's bake time), it counts and starts the runs of the release's Baking checks.
 * A failed check stops the deployment with rollback, which sends production traffic back to blue.
 * When every Baking check passed and one of them says {@code promoteOnSuccess}, the wait ends at
 * once ({@link Decision.EndBake}, the call the skip-bake action makes; admission refuses it on ECS,
 * which cannot end a bake). Otherwise the wait runs its course: a check that has not decided by
 * then stops counting. Like the TestTraffic gate, it leaves a plan that already changes AWS for
 * another reason (a rollback or skip-bake request, a new generation) alone.
 */
public final class BakingGate {
  private final AnalysisRuns runs;

  public BakingGate(AnalysisRuns runs) {
    this.runs = runs;
  }

  /** The TestTraffic gate's answer with the Baking checks counted in and, while baking, applied. */
  public AnalysisGate.Gated apply(
      ReleasePass pass, Observation observation, AnalysisGate.Gated gated, Instant now) {
    var release = pass.release();
    List<AnalysisCheck> checks =
        release.getSpec().analysis().stream()
            .filter(c -> c.phase() == AnalysisPhase.Baking)
            .toList();
    Plan plan = gated.plan();
    TrackedDeployment deployment = observation.deployment();
    if (checks.isEmpty()
        || observation.stage() != Observation.Stage.TRACKING
        || deployment == null
        || !pass.current(plan.facts())) {
      return gated;
    }
    String deploymentId = deployment.deploymentId();
    boolean baking = !deployment.ended() && plan.report().phase() == Phase.Baking;
    Map<String, AnalysisCheckStatus> counted = counted(release.getStatus(), deploymentId);
    List<AnalysisCheck> started = new ArrayList<>();
    List<AnalysisCheckStatus> before = new ArrayList<>();
    for (var check : checks) {
      var status = counted.get(check.name());
      if (status == null && baking) {
        status = CheckProgress.fresh(check, deploymentId, now);
      }
      if (status != null) {
        started.add(check);
        before.add(status);
      }
    }
    if (started.isEmpty()) {
      return gated;
    }
    var id = ResourceID.fromResource(release);
    var after = runs.count(id, deploymentId, started, before);
    List<AnalysisCheckStatus> verdicts = new ArrayList<>(gated.verdicts());
    verdicts.addAll(AnalysisGate.decided(before, after));
    if (deployment.ended()) {
      // The bake ran its course: decided from the runs it had. Ended otherwise: undecided.
      boolean bakeRanOut = plan.report().phase() == Phase.Succeeded;
      after =
          after.stream()
              .map(s -> bakeRanOut ? CheckProgress.close(s, true) : CheckProgress.abandon(s))
              .toList();
    }
    var analysis = merge(release.getSpec().analysis(), gated.analysis(), after);
    if (deployment.ended()) {
      return new AnalysisGate.Gated(
          AnalysisGate.explainRollback(plan, after, deploymentId), analysis, verdicts, gated.due());
    }
    if (!baking || !(plan.decision() instanceof Decision.Observe)) {
      return new AnalysisGate.Gated(plan, analysis, verdicts, gated.due());
    }
    return gate(pass, deployment, plan, started, after, analysis, verdicts, now);
  }

  private AnalysisGate.Gated gate(
      ReleasePass pass,
      TrackedDeployment deployment,
      Plan plan,
      List<AnalysisCheck> checks,
      List<AnalysisCheckStatus> after,
      List<AnalysisCheckStatus> analysis,
      List<AnalysisCheckStatus> verdicts,
      Instant now) {
    String deploymentId = deployment.deploymentId();
    var failed = after.stream().filter(s -> s.verdict() == Verdict.Failed).findFirst();
    if (failed.isPresent()) {
      var check = failed.get();
      var report =
          Report.reconciling(
              Phase.RollingBack,
              AnalysisGate.FAILED,
              "Analysis check %s failed (%s): rolling back deployment %s to blue"
                  .formatted(check.name(), check.lastMessage(), deploymentId));
      return new AnalysisGate.Gated(
          new Plan(new Decision.Stop(deploymentId), plan.facts(), report, plan.acks()),
          analysis,
          verdicts,
          Optional.empty());
    }
    String progress = AnalysisGate.progress(checks, after);
    if (after.stream().allMatch(s -> s.verdict() == Verdict.Passed)) {
      if (checks.stream().anyMatch(AnalysisCheck::promotesOnSuccess)) {
        var report =
            Report.reconciling(
                Phase.Baking,
                AnalysisGate.PASSED,
                "Analysis passed (%s): ending the bake of deployment %s, blue is terminated now"
                    .formatted(progress, deploymentId));
        return new AnalysisGate.Gated(
            new Plan(new Decision.EndBake(deploymentId), plan.facts(), report, plan.acks()),
            analysis,
            verdicts,
            Optional.empty());
      }
      var report =
          Report.reconciling(
              Phase.Baking,
              AnalysisGate.PASSED,
              "Analysis passed (%s). %s".formatted(progress, plan.report().message()));
      return new AnalysisGate.Gated(
          plan.with(plan.facts(), report), analysis, verdicts, Optional.empty());
    }
    var due = runs.startDue(pass, deployment, checks, after, now);
    var report =
        Report.reconciling(
            Phase.Baking,
            AnalysisGate.RUNNING,
            "Analysis: %s; blue is kept for rollback meanwhile. %s"
                .formatted(progress, plan.report().message()));
    return new AnalysisGate.Gated(plan.with(plan.facts(), report), analysis, verdicts, due);
  }

  /** This deployment's Baking statuses already on the release, by check name. */
  private static Map<String, AnalysisCheckStatus> counted(
      EcsBlueGreenReleaseStatus status, String deploymentId) {
    Map<String, AnalysisCheckStatus> counted = new LinkedHashMap<>();
    if (status == null || status.analysis() == null) {
      return counted;
    }
    for (var check : status.analysis()) {
      if (check.phase() == AnalysisPhase.Baking && deploymentId.equals(check.deploymentId())) {
        counted.put(check.name(), check);
      }
    }
    return counted;
  }

  /**
   * The checks' statuses in the order of the spec: the Baking ones from this gate, the others as
   * the TestTraffic gate left them; statuses of checks no longer in the spec come last.
   */
  static List<AnalysisCheckStatus> merge(
      List<AnalysisCheck> spec,
      List<AnalysisCheckStatus> others,
      List<AnalysisCheckStatus> baking) {
    Map<String, AnalysisCheckStatus> byName = new LinkedHashMap<>();
    for (var status : others) {
      byName.put(status.name(), status);
    }
    for (var check : spec) {
      if (check.phase() == AnalysisPhase.Baking) {
        byName.remove(check.name());
      }
    }
    for (var status : baking) {
      byName.put(status.name(), status);
    }
    List<AnalysisCheckStatus> merged = new ArrayList<>();
    for (var check : spec) {
      var status = byName.remove(check.name());
      if (status != null) {
        merged.add(status);
      }
    }
    merged.addAll(byName.values());
    return merged;
  }
}
