package dev.ecsbluegreen.operator.reconciler.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.aws.ServiceDeploymentSnapshot;
import dev.ecsbluegreen.operator.aws.ServiceDeploymentSnapshot.Hook;
import dev.ecsbluegreen.operator.aws.ServiceDeploymentSnapshot.Strategy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When ECS moves a service deployment on its own: the next step, the end of the bake. */
class ServiceDeploymentDueTest {
  static final Instant CHANGED = Instant.parse("2026-03-02T10:07:30Z");
  static final Strategy BLUE_GREEN = new Strategy("BLUE_GREEN", 15, null, null);
  static final Strategy LINEAR = new Strategy("LINEAR", 15, 25.0, 6);
  static final Strategy CANARY = new Strategy("CANARY", 20, 10.0, 5);

  static ServiceDeploymentSnapshot deployment(
      Strategy strategy, String status, String stage, double weight, List<Hook> hooks) {
    return new ServiceDeploymentSnapshot(
        ServiceDeploymentPhasesTest.ARN,
        status,
        null,
        stage,
        CHANGED.minus(Duration.ofMinutes(30)),
        CHANGED,
        null,
        weight,
        hooks,
        null,
        List.of(),
        strategy,
        null,
        null);
  }

  static ServiceDeploymentSnapshot running(Strategy strategy, String stage, double weight) {
    return deployment(strategy, "IN_PROGRESS", stage, weight, List.of());
  }

  @ParameterizedTest
  @CsvSource({"25", "50", "75"})
  void aLinearStepIsDueAStepBakeAfterTheLastOne(double green) {
    var due = ServiceDeploymentDue.next(running(LINEAR, "PRODUCTION_TRAFFIC_SHIFT", green));

    assertThat(due).contains(CHANGED.plus(Duration.ofMinutes(6)));
  }

  @Test
  void theRestOfACanaryIsDueTheCanaryBakeAfterTheCanaryShare() {
    var due = ServiceDeploymentDue.next(running(CANARY, "PRODUCTION_TRAFFIC_SHIFT", 10));

    assertThat(due).contains(CHANGED.plus(Duration.ofMinutes(5)));
  }

  @ParameterizedTest
  @CsvSource({"BLUE_GREEN,15", "LINEAR,15", "CANARY,20"})
  void theBakeEndsItsBakeTimeAfterItBegan(String name, int bakeMinutes) {
    var strategy = new Strategy(name, bakeMinutes, null, null);

    var due = ServiceDeploymentDue.next(running(strategy, "BAKE_TIME", 100));

    assertThat(due).contains(CHANGED.plus(Duration.ofMinutes(bakeMinutes)));
  }

  @Test
  void cleanUpIsDueAsSoonAsItBegins() {
    assertThat(ServiceDeploymentDue.next(running(BLUE_GREEN, "CLEAN_UP", 100))).contains(CHANGED);
  }

  @Test
  void aBakeWithoutABakeTimeReportedPredictsNothing() {
    var strategy = new Strategy("BLUE_GREEN", null, null, null);

    assertThat(ServiceDeploymentDue.next(running(strategy, "BAKE_TIME", 100))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    // Before the first step ECS moves traffic once its listener is updated; after the last, the
    // stage's hooks run; all at once there are no steps to predict.
    "LINEAR,PRODUCTION_TRAFFIC_SHIFT,0",
    "LINEAR,PRODUCTION_TRAFFIC_SHIFT,100",
    "BLUE_GREEN,PRODUCTION_TRAFFIC_SHIFT,0",
    "LINEAR,SCALE_UP,0",
    "LINEAR,TEST_TRAFFIC_SHIFT,0",
    "LINEAR,POST_PRODUCTION_TRAFFIC_SHIFT,100",
  })
  void nothingIsDueWhileECSWaitsOnSomethingElse(String name, String stage, double green) {
    var strategy = name.equals("LINEAR") ? LINEAR : BLUE_GREEN;

    assertThat(ServiceDeploymentDue.next(running(strategy, stage, green))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"IN_PROGRESS", "AWAITING_ACTION"})
  void nothingIsDueWhileAHookRunsOrAPromotionIsAwaited(String hookStatus) {
    var hook = new Hook("h-1", "AWS_LAMBDA", "arn:aws:lambda:fn", hookStatus);

    var due =
        ServiceDeploymentDue.next(
            deployment(LINEAR, "IN_PROGRESS", "PRODUCTION_TRAFFIC_SHIFT", 50, List.of(hook)));

    assertThat(due).isEmpty();
  }

  @Test
  void aHookThatAlreadyAnsweredDoesNotHoldTheNextStep() {
    var hook = new Hook("h-1", "PAUSE", null, "SUCCEEDED");

    var due =
        ServiceDeploymentDue.next(
            deployment(LINEAR, "IN_PROGRESS", "PRODUCTION_TRAFFIC_SHIFT", 50, List.of(hook)));

    assertThat(due).contains(CHANGED.plus(Duration.ofMinutes(6)));
  }

  @ParameterizedTest
  @CsvSource({"PENDING", "SUCCESSFUL", "ROLLBACK_IN_PROGRESS", "STOP_REQUESTED"})
  void nothingIsDueForADeploymentThatDoesNotRunForward(String status) {
    var due = ServiceDeploymentDue.next(deployment(LINEAR, status, "BAKE_TIME", 100, List.of()));

    assertThat(due).isEmpty();
  }

  @Test
  void theEngineHandsThePredictionToTheCore() {
    var engine = new EcsEngine(null, null, null, null, null);

    assertThat(engine.transitionDue(running(CANARY, "BAKE_TIME", 100)))
        .contains(CHANGED.plus(Duration.ofMinutes(20)));
  }
}
