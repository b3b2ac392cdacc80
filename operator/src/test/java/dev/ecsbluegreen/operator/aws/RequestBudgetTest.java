package dev.ecsbluegreen.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.errors.AwsBudgetWaitException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The two lanes of one request budget on a clock the test moves: calls about deployments in flight
 * are served ahead of a burst of preparing calls, the preparing calls keep their share however many
 * calls in flight wait, either lane takes the other's tokens while that lane wants none, and the
 * two together stay within the budget. Every decision is made on the test's clock, so a loaded
 * machine changes nothing.
 */
class RequestBudgetTest {
  static final long SECOND = Duration.ofSeconds(1).toNanos();

  private final AtomicLong nanos = new AtomicLong(1_000 * SECOND);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Counter deferred = registry.counter("deferred");
  private final Timer preparingWait = Timer.builder("preparing").register(registry);
  private RateLimiter inFlightLane;
  private RateLimiter preparingLane;

  /** A budget of {@code callsPerSecond}; its lanes' limiters stay at hand to look into. */
  private RequestBudget budget(int callsPerSecond) {
    var split = LaneSplit.of(callsPerSecond);
    inFlightLane = limiter("in flight", split.inFlight(), split.period(), Duration.ofSeconds(30));
    preparingLane = limiter("preparing", split.preparing(), split.period(), Duration.ZERO);
    var meters =
        new RequestBudget.Meters(
            Timer.builder("in_flight").register(registry), preparingWait, deferred);
    return new RequestBudget(
        inFlightLane, preparingLane, callsPerSecond, "CodeDeploy", "us-east-1", meters, nanos::get);
  }

  private RateLimiter limiter(String name, int perPeriod, Duration period, Duration timeout) {
    return RateLimiter.of(
        name,
        RateLimiterConfig.custom()
            .limitForPeriod(perPeriod)
            .limitRefreshPeriod(period)
            .timeoutDuration(timeout)
            .build(),
        nanos::get);
  }

  /** Moves the clock to {@code seconds} (and a fraction) after the budget was made. */
  private void at(double seconds) {
    nanos.set(1_000 * SECOND + (long) (seconds * SECOND));
  }

  @Test
  void callsInFlightAreServedAheadOfAPreparingBurst() throws Exception {
    // 4 a second: 3 for calls in flight, 1 for preparing calls.
    var budget = budget(4);
    assertThat(sent(budget, 20, "CreateDeployment"))
        .as("a burst with nothing in flight takes its own token and the 3 spare ones")
        .isEqualTo(4);
    assertThat(budget.queued()).isEqualTo(16);

    at(0.999);
    var reads = inFlight(budget, 3, "BatchGetDeployments");
    at(1);
    for (var read : reads) {
      read.get(10, TimeUnit.SECONDS);
    }
    assertThat(sent(budget, 16, "CreateDeployment"))
        .as("the burst comes back to the next second's tokens: the reads hold 3, it gets its 1")
        .isEqualTo(1);
  }

  @Test
  void aPreparingBurstKeepsItsShareWhileCallsInFlightWantEveryToken() throws Exception {
    var budget = budget(4);
    assertThat(sent(budget, 10, "RegisterTaskDefinition")).isEqualTo(4);

    // Calls in flight that want two seconds' worth of every token: with one lane for all, they
    // would hold every token of seconds 1 and 2, and the burst would get none.
    at(0.999);
    var reads = inFlight(budget, 6, "ListDeploymentTargets");
    assertThat(inFlightLane.getMetrics().getAvailablePermissions())
        .as("the reads hold the in-flight lane's tokens of the next two seconds")
        .isEqualTo(-6);
    List<Integer> sentEachSecond = new ArrayList<>();
    for (int second = 1; second <= 3; second++) {
      at(second);
      sentEachSecond.add(sent(budget, 10, "CreateDeployment"));
    }
    for (var read : reads) {
      read.get(10, TimeUnit.SECONDS);
    }
    assertThat(sentEachSecond)
        .as("the preparing lane's token every second; the third second's spare ones too")
        .containsExactly(1, 1, 4);
  }

  @Test
  void callsInFlightTakeThePreparingTokensWhileNoPreparingCallWantsThem() throws Exception {
    var budget = budget(4);
    at(5);
    for (int call = 0; call < 4; call++) {
      budget.spend("BatchGetDeployments", null);
    }
    assertThat(inFlightLane.getMetrics().getAvailablePermissions())
        .as("no call in flight waits: none reserved the next second's tokens")
        .isZero();
    assertThat(preparingLane.getMetrics().getAvailablePermissions())
        .as("the fourth took the idle preparing lane's token")
        .isZero();

    // A preparing call turned away makes its lane wanted until its pass comes back: a call in
    // flight then waits for its own lane rather than take the token that pass was promised.
    var turnedAway = deferral(budget, "CreateDeployment");
    assertThat(turnedAway.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    at(6);
    for (int call = 0; call < 3; call++) {
      budget.spend("BatchGetDeployments", null);
    }
    var read = inFlight(budget, 1, "BatchGetDeployments").get(0);
    budget.spend("CreateDeployment", null);
    at(7);
    read.get(10, TimeUnit.SECONDS);
    assertThat(deferred.count()).isEqualTo(1);
  }

  @Test
  void bothLanesTogetherStayWithinTheBudget() {
    var budget = budget(10);
    int sent = 0;
    for (int second = 0; second < 5; second++) {
      at(second);
      for (int call = 0; call < 30; call++) {
        String operation = call % 2 == 0 ? "BatchGetDeploymentGroups" : "GetDeployment";
        if (operation.equals("GetDeployment")
            && inFlightLane.getMetrics().getAvailablePermissions() <= 0) {
          continue; // a call in flight would wait for the next second: not made here
        }
        try {
          budget.spend(operation, null);
          sent++;
        } catch (AwsBudgetWaitException turnedAway) {
          // the pass comes back later
        }
      }
    }
    assertThat(sent).as("5 seconds at 10 calls a second").isEqualTo(50);
  }

  @Test
  void theTurnedAwayAreToldHowManyAreAheadAndWhenToComeBack() {
    // 8 a second: 6 in flight, 2 preparing, so turned-away passes are spaced half a second apart.
    var budget = budget(8);
    assertThat(sent(budget, 8, "DescribeTaskDefinition")).isEqualTo(8);
    at(0.25);
    var waits = IntStream.range(0, 5).mapToObj(i -> deferral(budget, "CreateDeployment")).toList();
    assertThat(waits)
        .extracting(AwsBudgetWaitException::retryAfter)
        .containsExactly(
            Duration.ofMillis(750),
            Duration.ofMillis(1_250),
            Duration.ofMillis(1_750),
            Duration.ofMillis(2_250),
            Duration.ofMillis(2_750));
    assertThat(waits.get(4).getMessage())
        .isEqualTo(
            "Waiting for the operator's CodeDeploy request budget in us-east-1 (8 calls a second,"
                + " calls about deployments in flight first): 4 releases ahead, next try in 3 s");
    assertThat(preparingWait.max(TimeUnit.MILLISECONDS))
        .as("the preparing lane's wait is the one its passes were given")
        .isEqualTo(2_750);
    at(1.6);
    assertThat(budget.queued()).as("two places were reached").isEqualTo(3);
  }

  /** How many of {@code calls} preparing calls the budget sends now. */
  private static int sent(RequestBudget budget, int calls, String operation) {
    int sent = 0;
    for (int call = 0; call < calls; call++) {
      try {
        budget.spend(operation, null);
        sent++;
      } catch (AwsBudgetWaitException turnedAway) {
        // its pass would come back later
      }
    }
    return sent;
  }

  /**
   * Calls in flight that must wait for a later token, each made on a thread of its own: each holds
   * its reservation as soon as it asks, and its wait ends once the test has moved the clock on.
   */
  private static List<CompletableFuture<Void>> inFlight(
      RequestBudget budget, int calls, String operation) {
    var made = new ArrayList<CompletableFuture<Void>>();
    for (int call = 0; call < calls; call++) {
      int waitingBefore = budget.waitingInFlight();
      var future = CompletableFuture.runAsync(() -> budget.spend(operation, null));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> budget.waitingInFlight() > waitingBefore || future.isDone());
      assertThat(future).as(operation + " waits for a later token").isNotDone();
      made.add(future);
    }
    return made;
  }

  private static AwsBudgetWaitException deferral(RequestBudget budget, String operation) {
    var thrown =
        catchThrowableOfType(() -> budget.spend(operation, null), AwsBudgetWaitException.class);
    assertThat(thrown).as(operation + " turned away").isNotNull();
    return thrown;
  }
}
