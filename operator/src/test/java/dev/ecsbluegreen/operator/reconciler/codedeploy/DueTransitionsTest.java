package dev.ecsbluegreen.operator.reconciler.codedeploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.aws.DeploymentSnapshot;
import dev.ecsbluegreen.operator.aws.DeploymentSnapshot.EcsTarget;
import dev.ecsbluegreen.operator.aws.DeploymentSnapshot.LifecycleEvent;
import dev.ecsbluegreen.operator.aws.DeploymentSnapshot.TaskSet;
import dev.ecsbluegreen.operator.aws.DeploymentSnapshot.Waits;
import dev.ecsbluegreen.operator.aws.DeploymentState;
import dev.ecsbluegreen.operator.fixtures.Deployments;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DueTransitionsTest {
  static final List<String> EVENTS = Deployments.EVENTS;
  static final Instant T0 = Deployments.CREATED;

  /** When AllowTraffic started in the shifting cases. */
  static final Instant SHIFT = T0.plusSeconds(300);

  @Test
  void canaryIsDueForTheRestOneIntervalAfterTheShiftStarted() {
    var d = shifting("CodeDeployDefault.ECSCanary10Percent15Minutes", 10);

    assertThat(DueTransitions.next(d)).contains(SHIFT.plus(Duration.ofMinutes(15)));
  }

  @Test
  void canaryOfTheOperatorsOwnConfigIsReadFromItsName() {
    var d = shifting("ecs-bluegreen.Canary20Percent3Minutes", 20);

    assertThat(DueTransitions.next(d)).contains(SHIFT.plus(Duration.ofMinutes(3)));
  }

  @Test
  void linearIsDueForEachStepInTurn() {
    String config = "CodeDeployDefault.ECSLinear10PercentEvery3Minutes";

    assertThat(DueTransitions.next(shifting(config, 10)))
        .contains(SHIFT.plus(Duration.ofMinutes(3)));
    assertThat(DueTransitions.next(shifting(config, 40)))
        .contains(SHIFT.plus(Duration.ofMinutes(12)));
    assertThat(DueTransitions.next(shifting(config, 90)))
        .contains(SHIFT.plus(Duration.ofMinutes(27)));
  }

  @Test
  void linearWithAShortLastStepIsDueForItOnTime() {
    // 30, 60, 90, then 100 at the fourth step.
    assertThat(DueTransitions.next(shifting("ecs-bluegreen.Linear30PercentEvery2Minutes", 90)))
        .contains(SHIFT.plus(Duration.ofMinutes(6)));
  }

  @Test
  void firstStepNotYetShownIsDueAlready() {
    assertThat(DueTransitions.next(shifting("ecs-bluegreen.Canary10Percent5Minutes", 0)))
        .contains(SHIFT);
  }

  @Test
  void onceGreenHasAllTrafficTheLastStepStaysDueUntilTrafficShiftingEnds() {
    assertThat(DueTransitions.next(shifting("ecs-bluegreen.Canary10Percent5Minutes", 100)))
        .contains(SHIFT.plus(Duration.ofMinutes(5)));
    assertThat(DueTransitions.next(shifting("ecs-bluegreen.Linear30PercentEvery2Minutes", 100)))
        .contains(SHIFT.plus(Duration.ofMinutes(6)));
  }

  @Test
  void nothingIsPredictedForAllAtOnce() {
    assertThat(DueTransitions.next(shifting("CodeDeployDefault.ECSAllAtOnce", 0))).isEmpty();
    assertThat(DueTransitions.next(shifting("CodeDeployDefault.ECSAllAtOnce", 100))).isEmpty();
  }

  @Test
  void aConfigWhoseNameDoesNotSpellItsRoutingPredictsNothing() {
    assertThat(DueTransitions.next(shifting("team-slow-canary", 10))).isEmpty();
  }

  @Test
  void terminationWaitEndsItsMinutesAfterTheTargetSucceeded() {
    Instant shifted = T0.plusSeconds(900);
    var d = deployment(DeploymentState.IN_PROGRESS, "Succeeded", finishedAll(shifted), 10, null);

    assertThat(DueTransitions.next(d)).contains(shifted.plus(Duration.ofMinutes(10)));
  }

  @Test
  void withoutTerminationWaitTheSuccessIsDueTheMomentTheTargetSucceeded() {
    Instant shifted = T0.plusSeconds(900);
    var d = deployment(DeploymentState.IN_PROGRESS, "Succeeded", finishedAll(shifted), 0, null);

    assertThat(DueTransitions.next(d)).contains(shifted);
  }

  @Test
  void readyWaitTimesOutItsMinutesAfterGreenBecameReady() {
    Instant ready = T0.plusSeconds(200);
    var events = new ArrayList<LifecycleEvent>();
    for (String name : EVENTS) {
      boolean done = EVENTS.indexOf(name) <= EVENTS.indexOf("AfterAllowTestTraffic");
      events.add(
          new LifecycleEvent(
              name, done ? "Succeeded" : "Pending", done ? T0 : null, done ? ready : null));
    }
    var d = deployment(DeploymentState.READY, "Ready", events, 0, 60);

    assertThat(DueTransitions.next(d)).contains(ready.plus(Duration.ofMinutes(60)));
  }

  @Test
  void aRunningHookPredictsNothing() {
    var events = new ArrayList<LifecycleEvent>();
    for (String name : EVENTS) {
      int at = EVENTS.indexOf(name);
      int hook = EVENTS.indexOf("AfterAllowTestTraffic");
      String status = at < hook ? "Succeeded" : at == hook ? "InProgress" : "Pending";
      events.add(new LifecycleEvent(name, status, at <= hook ? T0 : null, at < hook ? T0 : null));
    }
    var d = deployment(DeploymentState.IN_PROGRESS, "InProgress", events, 30, null);

    assertThat(DueTransitions.next(d)).isEmpty();
  }

  @Test
  void anEndedDeploymentPredictsNothing() {
    var d = deployment(DeploymentState.SUCCEEDED, "Succeeded", finishedAll(T0), 0, null);

    assertThat(DueTransitions.next(d)).isEmpty();
  }

  @Test
  void theEarliestEndAddsEveryStepAfterTheFirstAndTheTerminationWait() {
    var canary = shifting("CodeDeployDefault.ECSCanary10Percent15Minutes", 10).withTarget(null);
    var linear = shifting("CodeDeployDefault.ECSLinear10PercentEvery3Minutes", 0).withTarget(null);
    var waiting =
        deployment(DeploymentState.IN_PROGRESS, "InProgress", List.of(), 5, null).withTarget(null);

    assertThat(DueTransitions.earliestEnd(canary)).contains(T0.plus(Duration.ofMinutes(15)));
    // Ten steps of 10 %: nine intervals after the first.
    assertThat(DueTransitions.earliestEnd(linear)).contains(T0.plus(Duration.ofMinutes(27)));
    assertThat(DueTransitions.earliestEnd(waiting)).contains(T0.plus(Duration.ofMinutes(5)));
  }

  @Test
  void anUnspelledConfigEndsAtTheEarliestAsAllAtOnceAndAnEndedOneNever() {
    var custom = shifting("my-own-config", 10).withTarget(null);
    var ended = deployment(DeploymentState.SUCCEEDED, "Succeeded", finishedAll(T0), 0, null);

    assertThat(DueTransitions.earliestEnd(custom)).contains(T0);
    assertThat(DueTransitions.earliestEnd(ended)).isEmpty();
  }

  @Test
  void aGatedDeploymentNotYetSeenReadyHasNoEarliestEnd() {
    var gated =
        deployment(DeploymentState.IN_PROGRESS, "InProgress", List.of(), 0, 60).withTarget(null);
    var promoted = shifting("CodeDeployDefault.ECSCanary10Percent15Minutes", 10);

    assertThat(DueTransitions.earliestEnd(gated)).isEmpty();
    assertThat(DueTransitions.earliestEnd(promoted)).contains(T0.plus(Duration.ofMinutes(15)));
  }

  /** With blue not kept, the step that gives green the rest ends the deployment; others do not. */
  @Test
  void onlyTheLastStepEndsADeploymentThatDoesNotKeepBlue() {
    assertThat(DueTransitions.endsAtNext(shifting("ecs-bluegreen.Canary10Percent5Minutes", 10)))
        .isTrue();
    assertThat(DueTransitions.endsAtNext(shifting("ecs-bluegreen.Canary10Percent5Minutes", 0)))
        .isFalse();
    assertThat(
            DueTransitions.endsAtNext(shifting("ecs-bluegreen.Linear30PercentEvery1Minutes", 30)))
        .isFalse();
    assertThat(
            DueTransitions.endsAtNext(shifting("ecs-bluegreen.Linear30PercentEvery1Minutes", 90)))
        .isTrue();
    assertThat(DueTransitions.endsAtNext(shifting("CodeDeployDefault.ECSAllAtOnce", 0))).isFalse();
  }

  @Test
  void theLastStepDoesNotEndADeploymentThatKeepsBlue() {
    var canary = shifting("ecs-bluegreen.Canary10Percent5Minutes", 10);
    var keepingBlue =
        snapshot(
            canary.deploymentConfig(),
            DeploymentState.IN_PROGRESS,
            "InProgress",
            canary.lifecycleEvents(),
            10,
            new Waits(null, 30));

    assertThat(DueTransitions.endsAtNext(keepingBlue)).isFalse();
  }

  private static DeploymentSnapshot shifting(String config, int green) {
    var events = new ArrayList<LifecycleEvent>();
    int allowTraffic = EVENTS.indexOf("AllowTraffic");
    for (String name : EVENTS) {
      int at = EVENTS.indexOf(name);
      if (at < allowTraffic) {
        events.add(new LifecycleEvent(name, "Succeeded", T0, SHIFT));
      } else if (at == allowTraffic) {
        events.add(new LifecycleEvent(name, "InProgress", SHIFT, null));
      } else {
        events.add(new LifecycleEvent(name, "Pending", null, null));
      }
    }
    return snapshot(config, DeploymentState.IN_PROGRESS, "InProgress", events, green, Waits.NONE);
  }

  private static List<LifecycleEvent> finishedAll(Instant lastEnd) {
    var events = new ArrayList<LifecycleEvent>();
    for (String name : EVENTS) {
      boolean last = name.equals("AfterAllowTraffic");
      events.add(new LifecycleEvent(name, "Succeeded", T0, last ? lastEnd : T0.plusSeconds(60)));
    }
    return events;
  }

  private static DeploymentSnapshot deployment(
      DeploymentState state,
      String targetStatus,
      List<LifecycleEvent> events,
      int terminationWait,
      Integer readyWait) {
    return snapshot(
        "CodeDeployDefault.ECSAllAtOnce",
        state,
        targetStatus,
        events,
        100,
        new Waits(readyWait, terminationWait));
  }

  private static DeploymentSnapshot snapshot(
      String config,
      DeploymentState state,
      String targetStatus,
      List<LifecycleEvent> events,
      int green,
      Waits waits) {
    return new DeploymentSnapshot(
        "d-1",
        "app",
        "dg",
        config,
        state,
        null,
        "user",
        T0,
        null,
        null,
        null,
        null,
        null,
        null,
        new EcsTarget(
            targetStatus,
            events,
            List.of(
                new TaskSet("Blue", "PRIMARY", 100 - green, 2, 2, "blue"),
                new TaskSet("Green", "ACTIVE", green, 2, 2, "green"))),
        waits);
  }
}
