package dev.ecsbluegreen.operator.reconciler.codedeploy;

import static dev.ecsbluegreen.operator.fixtures.Deployments.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.aws.DeploymentSnapshot;
import dev.ecsbluegreen.operator.aws.DeploymentState;
import dev.ecsbluegreen.operator.events.DeploymentNews.Told;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventAnswersTest {
  static final Instant NOW = Instant.parse("2025-01-01T00:02:00Z");
  static final Instant EVENT_TIME = Instant.parse("2025-01-01T00:01:59Z");

  @Test
  void aSuccessEventEndsTheDeploymentAtTheEventsTime() {
    var running = seen(DeploymentState.IN_PROGRESS, NOW.minusSeconds(30));

    var answer = EventAnswers.answer(running, told("SUCCESS", NOW.minusMillis(200)), NOW);

    assertThat(answer).map(DeploymentSnapshot::state).contains(DeploymentState.SUCCEEDED);
    assertThat(answer).map(DeploymentSnapshot::completeTime).contains(EVENT_TIME);
    assertThat(answer.get().createTime()).isEqualTo(running.deployment().createTime());
  }

  @Test
  void aSuccessEventWithoutATimeEndsItWhenTheEventArrived() {
    var arrived = NOW.minusMillis(200);
    var told = new Told("SUCCESS", null, arrived);

    var answer = EventAnswers.answer(seen(DeploymentState.BAKING, NOW.minusSeconds(30)), told, NOW);

    assertThat(answer).map(DeploymentSnapshot::completeTime).contains(arrived);
  }

  @Test
  void aStartEventRunsADeploymentLastSeenCreated() {
    var created = seen(DeploymentState.CREATED, NOW.minusSeconds(3));

    assertThat(EventAnswers.answer(created, told("START", NOW.minusSeconds(1)), NOW))
        .map(DeploymentSnapshot::state)
        .contains(DeploymentState.IN_PROGRESS);
  }

  @Test
  void aStartEventIsAnsweredByAReadMomentsAfterItArrived() {
    var justRead = seen(DeploymentState.IN_PROGRESS, NOW.minusMillis(300));

    assertThat(EventAnswers.answer(justRead, told("START", NOW.minusMillis(800)), NOW))
        .contains(justRead.deployment());
  }

  @Test
  void aStartEventIsReadForWhenTheLastReadCameBeforeItOrLongAgo() {
    var before = seen(DeploymentState.IN_PROGRESS, NOW.minusSeconds(1));
    var longAgo = seen(DeploymentState.IN_PROGRESS, NOW.minus(EventAnswers.JUST_READ));

    assertThat(EventAnswers.answer(before, told("START", NOW.minusMillis(500)), NOW)).isEmpty();
    assertThat(EventAnswers.answer(longAgo, told("START", NOW.minusSeconds(5)), NOW)).isEmpty();
  }

  @Test
  void eventsThatSayLessThanTheStatusNeedsAreReadFor() {
    var running = seen(DeploymentState.IN_PROGRESS, NOW.minusMillis(100));

    for (String state : new String[] {"READY", "FAILURE", "STOP", "SOMETHING_NEW"}) {
      assertThat(EventAnswers.answer(running, told(state, NOW.minusMillis(500)), NOW))
          .as(state)
          .isEmpty();
    }
  }

  @Test
  void withoutAnEarlierLookOrOnceEndedTheDeploymentIsRead() {
    var ended = seen(DeploymentState.FAILED, NOW.minusSeconds(1));

    assertThat(EventAnswers.answer(null, told("SUCCESS", NOW), NOW)).isEmpty();
    assertThat(EventAnswers.answer(ended, told("SUCCESS", NOW), NOW)).isEmpty();
  }

  private static EventAnswers.Seen seen(DeploymentState state, Instant at) {
    return new EventAnswers.Seen(deployment("d-1").state(state).build(), at);
  }

  private static Told told(String state, Instant arrived) {
    return new Told(state, EVENT_TIME, arrived);
  }
}
