package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.aws.DeploymentState;
import dev.ecsbluegreen.operator.reconciler.Observation.Stage;
import dev.ecsbluegreen.operator.reconciler.Plan.Ack;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The action annotations people (or Argo CD resource actions) put on a release. Each is answered
 * once: acted on when it applies, reported as ignored when it does not, and removed either way. One
 * annotation per pass; a pass that already mutates AWS leaves them for the next one.
 */
public final class Actions {
  public static final String PREFIX = "ecs.bluegreen.dev/";
  public static final String ROLLBACK = PREFIX + "rollback";
  public static final String PROMOTE = PREFIX + "promote";
  public static final String SKIP_BAKE = PREFIX + "skip-bake";
  public static final String RETRY = PREFIX + "retry";
  static final List<String> ALL = List.of(ROLLBACK, PROMOTE, SKIP_BAKE, RETRY);

  private Actions() {}

  static Plan answer(
      ReleasePass pass, Observation observation, Facts facts, Plan plan, Instant now) {
    Map<String, String> annotations = pass.release().getMetadata().getAnnotations();
    if (annotations == null || !(plan.decision() instanceof Decision.Observe)) {
      return plan;
    }
    return ALL.stream()
        .filter(annotations::containsKey)
        .findFirst()
        .map(action -> answer(action, pass, observation, facts, plan, now))
        .orElse(plan);
  }

  private static Plan answer(
      String action,
      ReleasePass pass,
      Observation observation,
      Facts facts,
      Plan plan,
      Instant now) {
    var deployment = observation.deployment();
    boolean current =
        observation.stage() == Stage.TRACKING && deployment != null && pass.current(facts);
    String id = deployment == null ? null : deployment.deploymentId();
    return switch (action) {
      case ROLLBACK ->
          current && !deployment.state().ended()
              ? act(
                  plan,
                  new Decision.Stop(id),
                  Report.reconciling(
                      Phase.RollingBack,
                      Reasons.ROLLING_BACK,
                      "Rolling back deployment %s on request".formatted(id)),
                  "Stopped deployment %s and rolled back to blue".formatted(id),
                  action)
              : ignore(plan, action, "nothing to roll back: " + describe(plan));
      case PROMOTE ->
          current && deployment.state() == DeploymentState.READY
              ? act(
                  plan,
                  new Decision.Promote(id),
                  Report.reconciling(
                      Phase.ShiftingTraffic,
                      Reasons.TRAFFIC_SHIFTING,
                      "Promoted: shifting production traffic to green"),
                  "Promoted deployment %s: production traffic shifts to green".formatted(id),
                  action)
              : ignore(plan, action, "nothing waits for a promotion: " + describe(plan));
      case SKIP_BAKE ->
          current && plan.report().phase() == Phase.Baking
              ? act(
                  plan,
                  new Decision.EndBake(id),
                  plan.report(),
                  "Ended the bake of deployment %s: blue is terminated now".formatted(id),
                  action)
              : ignore(plan, action, "nothing is baking: " + describe(plan));
      default -> retry(pass, observation, facts, plan, action, now);
    };
  }

  private static Plan retry(
      ReleasePass pass,
      Observation observation,
      Facts facts,
      Plan plan,
      String action,
      Instant now) {
    if (observation.stage() != Stage.SETTLED || pass.succeeded(facts)) {
      return ignore(
          plan, action, "retry applies only after RolledBack or Failed: " + describe(plan));
    }
    int retries = pass.retryCount() + 1;
    Plan intent = ReleasePlanner.intent(pass, facts, retries, now);
    return intent.withAck(
        new Ack(
            action,
            true,
            "Deploying generation %d again (retry %d)".formatted(pass.generation(), retries)));
  }

  private static Plan act(
      Plan plan, Decision decision, Report report, String message, String action) {
    return new Plan(decision, plan.facts(), report, new Ack(action, true, message));
  }

  private static Plan ignore(Plan plan, String action, String message) {
    return plan.withAck(new Ack(action, false, message));
  }

  private static String describe(Plan plan) {
    return "the release is " + plan.report().phase() + " (" + plan.report().message() + ")";
  }
}
