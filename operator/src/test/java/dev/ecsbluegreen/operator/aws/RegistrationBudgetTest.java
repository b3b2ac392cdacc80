package dev.ecsbluegreen.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ecsbluegreen.operator.errors.AwsBudgetWaitException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The registration budget on a clock the test moves: a burst goes at once, the releases turned away
 * get turns one second apart in the order they came, each finds its token when it comes back at its
 * turn, and no mix of returns ever exceeds ECS's own bucket.
 */
class RegistrationBudgetTest {
  static final long SECOND = Duration.ofSeconds(1).toNanos();
  static final String REGISTER = "RegisterTaskDefinition";

  private final AtomicLong nanos = new AtomicLong(1_000 * SECOND);
  private final Counter deferred = new SimpleMeterRegistry().counter("deferred");

  private RegistrationBudget budget(int burst) {
    return new RegistrationBudget(burst, "us-east-1", nanos::get, deferred);
  }

  @Test
  void aBurstRegistersAtOnceThenTurnsAwayWithTurnsOneSecondApart() {
    var budget = budget(30);
    for (int i = 0; i < 30; i++) {
      budget.spend(REGISTER, "burst-" + i);
    }

    for (int i = 0; i < 5; i++) {
      var wait = turnedAway(budget, "late-" + i);
      assertThat(wait.retryAfter())
          .isEqualTo(Duration.ofSeconds(i + 1).plus(RegistrationBudget.COME_BACK_MARGIN));
      assertThat(wait.ahead()).isEqualTo(i);
    }
    assertThat(turnedAway(budget, "late-2").getMessage())
        .isEqualTo(
            "Waiting to register the task definition: ECS takes 30 registrations at once and"
                + " then 1 a second in us-east-1; 2 releases ahead, turn in 4 s");
    assertThat(budget.queued()).isEqualTo(5);
    assertThat(deferred.count()).isEqualTo(5);
  }

  @Test
  void releasesTurnedAwayRegisterInTheirOrderEachAtItsTurnWithoutBeingTurnedAwayAgain() {
    var budget = budget(2);
    budget.spend(REGISTER, "a");
    budget.spend(REGISTER, "b");
    List<String> queued = List.of("c", "d", "e", "f");
    List<Duration> turns = new ArrayList<>();
    for (String release : queued) {
      turns.add(turnedAway(budget, release).retryAfter());
    }
    long start = nanos.get();

    for (int i = 0; i < queued.size(); i++) {
      nanos.set(start + turns.get(i).toNanos());
      // A new release that arrives at the same moment queues behind them.
      if (i == 0) {
        assertThat(turnedAway(budget, "newcomer").ahead()).isEqualTo(queued.size());
      }
      String release = queued.get(i);
      assertThatCode(() -> budget.spend(REGISTER, release)).doesNotThrowAnyException();
    }

    assertThat(deferred.count()).as("turns given").isEqualTo(queued.size() + 1);
    assertThat(budget.queued()).as("only the newcomer still waits").isEqualTo(1);
  }

  @Test
  void aReleaseBackBeforeItsTurnIsToldItAgainAndKeepsItsPlace() {
    var budget = budget(1);
    budget.spend(REGISTER, "a");
    turnedAway(budget, "b");
    var first = turnedAway(budget, "c");

    nanos.addAndGet(SECOND / 2);
    var again = turnedAway(budget, "c");

    assertThat(again.ahead()).isEqualTo(1);
    assertThat(again.retryAfter()).isEqualTo(first.retryAfter().minus(Duration.ofMillis(500)));
    assertThat(deferred.count()).as("turns given").isEqualTo(2);
  }

  @Test
  void aTurnNobodyTakesExpiresAndHoldsNobodyBack() {
    var budget = budget(2);
    budget.spend(REGISTER, "a");
    budget.spend(REGISTER, "b");
    turnedAway(budget, "deleted");
    assertThat(budget.queued()).isEqualTo(1);

    // Its turn, 1 s away, is kept for as long as the bucket absorbs a late one: 2 s after it.
    nanos.addAndGet(3 * SECOND + 1);

    assertThat(budget.queued()).isZero();
    assertThatCode(() -> budget.spend(REGISTER, "next")).doesNotThrowAnyException();
  }

  @Test
  void aTurnTakenButTurnedAwayByTheEcsBudgetStaysWithItsRelease() {
    var registrations = budget(1);
    boolean[] ecsRefuses = {false};
    CallBudget ecs =
        (operation, uid) -> {
          if (ecsRefuses[0]) {
            throw new AwsBudgetWaitException("ECS budget", Duration.ofMillis(200), 0);
          }
        };
    var both = registrations.then(ecs);
    both.spend(REGISTER, "a");
    var turn = turnedAway(registrations, "b").retryAfter();
    turnedAway(registrations, "c");
    nanos.addAndGet(turn.toNanos());

    ecsRefuses[0] = true;
    assertThatThrownBy(() -> both.spend(REGISTER, "b")).isInstanceOf(AwsBudgetWaitException.class);
    ecsRefuses[0] = false;
    nanos.addAndGet(Duration.ofMillis(200).toNanos());

    assertThatCode(() -> both.spend(REGISTER, "b")).doesNotThrowAnyException();
    assertThat(deferred.count()).as("turns given").isEqualTo(2);
  }

  /**
   * Hundreds of releases turned away, each coming back anywhere from on time to the last moment its
   * turn is kept, and new ones arriving all along: the registrations sent, replayed into ECS's
   * bucket of 60 refilled 1 a second, never find it empty.
   */
  @Test
  void noMixOfReturnsExceedsEcssBucket() {
    var budget = budget(30);
    var random = new Random(11);
    record Return(long at, String release) {}
    var returns = new java.util.PriorityQueue<Return>(Comparator.comparingLong(Return::at));
    List<Long> sent = new ArrayList<>();
    long start = nanos.get();
    int arrived = 0;
    int turnedAwayOnArrival = 0;
    for (long t = start; t < start + 600 * SECOND; t += SECOND / 10) {
      nanos.set(t);
      while (!returns.isEmpty() && returns.peek().at() <= t) {
        String release = returns.poll().release();
        try {
          budget.spend(REGISTER, release);
          sent.add(t);
        } catch (AwsBudgetWaitException wait) {
          returns.add(new Return(t + wait.retryAfter().toNanos(), release));
        }
      }
      if (arrived < 400 && random.nextInt(3) == 0) {
        String release = "r" + arrived++;
        try {
          budget.spend(REGISTER, release);
          sent.add(t);
        } catch (AwsBudgetWaitException wait) {
          turnedAwayOnArrival++;
          long late = (long) (random.nextDouble() * 29 * SECOND);
          returns.add(new Return(t + wait.retryAfter().toNanos() + late, release));
        }
      }
    }

    assertThat(sent).hasSize(400);
    assertThat(turnedAwayOnArrival).isGreaterThan(200);
    assertThat(deferred.count())
        .as("turns given: none to a release that came back within its turn's time")
        .isEqualTo(turnedAwayOnArrival);
    // ECS's bucket: 60, one more each second.
    double tokens = 60;
    long last = start;
    var inOrder = new ArrayDeque<>(sent);
    while (!inOrder.isEmpty()) {
      long at = inOrder.poll();
      tokens = Math.min(60, tokens + (at - last) / (double) SECOND);
      last = at;
      tokens -= 1;
      assertThat(tokens)
          .as("ECS's bucket after a registration at %d ns", at - start)
          .isNotNegative();
    }
  }

  /**
   * The worst a burst can do: every token of the bucket's burst given but not sent (a later budget
   * turned the calls away), then releases turned away for a minute and a half, and all of them back
   * at the same instant. Those whose turn is still kept send together; ECS's bucket, untouched
   * until then, takes them all.
   */
  @Test
  void releasesAllBackAtOnceAfterLongStayWithinEcssBucket() {
    var registrations = budget(30);
    CallBudget ecsRefuses =
        (operation, uid) -> {
          throw new AwsBudgetWaitException("ECS budget", Duration.ofMillis(200), 0);
        };
    var both = registrations.then(ecsRefuses);
    List<String> releases = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      releases.add("burst-" + i);
      assertThatThrownBy(() -> both.spend(REGISTER, releases.get(releases.size() - 1)))
          .isInstanceOf(AwsBudgetWaitException.class);
    }
    for (int i = 0; i < 90; i++) {
      releases.add("queued-" + i);
      turnedAway(registrations, "queued-" + i);
    }

    nanos.addAndGet(90 * SECOND);
    long sent =
        releases.stream()
            .filter(
                release -> {
                  try {
                    registrations.spend(REGISTER, release);
                    return true;
                  } catch (AwsBudgetWaitException wait) {
                    return false;
                  }
                })
            .count();

    assertThat(sent).as("registrations sent at one instant").isPositive().isLessThanOrEqualTo(60);
  }

  @Test
  void otherEcsCallsDrawNothingFromIt() {
    var budget = budget(30);
    for (int i = 0; i < 30; i++) {
      budget.spend(REGISTER, "r" + i);
    }

    assertThatCode(() -> budget.spend("DescribeServices", null)).doesNotThrowAnyException();
    assertThatCode(() -> budget.spend("DescribeTaskDefinition", null)).doesNotThrowAnyException();
  }

  @Test
  void aTurnedAwayRegistrationSpendsNothingOfTheEcsBudget() {
    int[] ecsTokens = {0};
    CallBudget ecs = (operation, uid) -> ecsTokens[0]++;
    var both = budget(30).then(ecs);
    for (int i = 0; i < 30; i++) {
      both.spend(REGISTER, "r" + i);
    }

    assertThatThrownBy(() -> both.spend(REGISTER, "late"))
        .isInstanceOf(AwsBudgetWaitException.class);
    assertThat(ecsTokens[0]).isEqualTo(30);
  }

  private static AwsBudgetWaitException turnedAway(RegistrationBudget budget, String release) {
    var wait =
        catchThrowableOfType(() -> budget.spend(REGISTER, release), AwsBudgetWaitException.class);
    assertThat(wait).as("%s turned away", release).isNotNull();
    return wait;
  }
}
