package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.reconciler.Observation.Stage;
import dev.ecsbluegreen.operator.reconciler.Plan.Ack;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The action annotations people (or Argo CD resource actions) put on a release. An annotation's
 * value is the request: any string (a timestamp, a commit, a ticket). A request is answered once,
 * acted on when it applies and reported as ignored when it does not, and either way its value is
 * recorded in {@code status.actions} ({@link ActionRecords}); the annotation itself stays, so a
 * GitOps tool that keeps it in Git sees no drift and re-applying it never acts again. Only a new
 * value is a new request. Values already there when the release is created are recorded without
 * acting: a manifest copied with its annotations must not roll back or promote on arrival. One
 * request per pass; a pass that already mutates AWS leaves them for the next one.
 */
public final class Actions {
  public static final String PREFIX = "ecs.bluegreen.dev/";
  public static final String ROLLBACK = PREFIX + "rollback";
  public static final String PROMOTE = PREFIX + "promote";
  public static final String SKIP_BAKE = PREFIX + "skip-bake";
  public static final String RETRY = PREFIX + "retry";
  static final List<String> ALL = List.of(ROLLBACK, PROMOTE, SKIP_BAKE, RETRY);

  static final String PRESENT_AT_CREATION =
      "the value was already there when the release was created; set a new value to request the"
          + " action";

  private Actions() {}

  static Plan answer(
      ReleasePass pass, Observation observation, Facts facts, Plan plan, Instant now) {
    var release = pass.release();
    List<Request> requests = newRequests(release);
    if (requests.isEmpty()) {
      return plan;
    }
    if (release.getStatus() == null) {
      return plan.withAcks(
          requests.stream()
              .map(r -> new Ack(r.annotation(), r.value(), false, PRESENT_AT_CREATION))
              .toList());
    }
    if (!(plan.decision() instanceof Decision.Observe)) {
      return plan;
    }
    return answer(requests.get(0), pass, observation, facts, plan, now);
  }

  /** Action annotations whose value differs from the one last handled, in {@link #ALL} order. */
  static List<Request> newRequests(EcsBlueGreenRelease release) {
    Map<String, String> annotations = release.getMetadata().getAnnotations();
    if (annotations == null) {
      return List.of();
    }
    return ALL.stream()
        .filter(annotations::containsKey)
        .filter(
            action ->
                !ActionRecords.handledValue(release.getStatus(), action)
                    .equals(Optional.of(annotations.get(action))))
        .map(action -> new Request(action, annotations.get(action)))
        .toList();
  }

  private static Plan answer(
      Request request,
      ReleasePass pass,
      Observation observation,
      Facts facts,
      Plan plan,
      Instant now) {
    var deployment = observation.deployment();
    boolean current =
        observation.stage() == Stage.TRACKING && deployment != null && pass.current(facts);
    String id = deployment == null ? null : deployment.deploymentId();
    return switch (request.annotation()) {
      case ROLLBACK ->
          current && deployment.stoppable()
              ? act(
                  plan,
                  new Decision.Stop(id),
                  Report.reconciling(
                      Phase.RollingBack,
                      Reasons.ROLLING_BACK,
                      "Rolling back deployment %s on request".formatted(id)),
                  "Stopped deployment %s and rolled back to blue".formatted(id),
                  request)
              : ignore(plan, request, noRollback(current && !deployment.ended()) + describe(plan));
      case PROMOTE ->
          current && deployment.awaitingPromotion()
              ? act(
                  plan,
                  new Decision.Promote(id),
                  Report.reconciling(
                      Phase.ShiftingTraffic,
                      Reasons.TRAFFIC_SHIFTING,
                      "Promoted: shifting production traffic to green"),
                  "Promoted deployment %s: production traffic shifts to green".formatted(id),
                  request)
              : ignore(plan, request, "nothing waits for a promotion: " + describe(plan));
      case SKIP_BAKE ->
          current && plan.report().phase() == Phase.Baking
              ? act(
                  plan,
                  new Decision.EndBake(id),
                  plan.report(),
                  "Ended the bake of deployment %s: blue is terminated now".formatted(id),
                  request)
              : ignore(plan, request, "nothing is baking: " + describe(plan));
      default -> retry(pass, observation, facts, plan, request, now);
    };
  }

  private static Plan retry(
      ReleasePass pass,
      Observation observation,
      Facts facts,
      Plan plan,
      Request request,
      Instant now) {
    if (observation.stage() != Stage.SETTLED || pass.succeeded(facts)) {
      return ignore(
          plan, request, "retry applies only after RolledBack or Failed: " + describe(plan));
    }
    int retries = pass.retryCount() + 1;
    Plan intent = ReleasePlanner.intent(pass, facts, retries, now);
    return intent.withAck(
        new Ack(
            request.annotation(),
            request.value(),
            true,
            "Deploying generation %d again (retry %d)".formatted(pass.generation(), retries)));
  }

  /** One action annotation and its value. */
  record Request(String annotation, String value) {}

  private static Plan act(
      Plan plan, Decision decision, Report report, String message, Request request) {
    return new Plan(
        decision,
        plan.facts(),
        report,
        List.of(new Ack(request.annotation(), request.value(), true, message)));
  }

  private static Plan ignore(Plan plan, Request request, String message) {
    return plan.withAck(new Ack(request.annotation(), request.value(), false, message));
  }

  /**
   * Why a rollback request does nothing. A request that finds its deployment already rolling back
   * may be the one whose stop call lost its answer: AWS acted on it, once.
   */
  private static String noRollback(boolean rollingBack) {
    return rollingBack ? "already rolling back: " : "nothing to roll back: ";
  }

  private static String describe(Plan plan) {
    return "the release is " + plan.report().phase() + " (" + plan.report().message() + ")";
  }
}
