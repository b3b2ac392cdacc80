package dev.ecsbluegreen.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.errors.AwsBudgetWaitException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The two lanes of one request budget on a clock the test moves: calls about deployments in flight
 * get the tokens before preparing calls that were turned away earlier, preparing calls never wait
 * for a token, and the two together stay within the budget.
 */
class RequestBudgetTest {
  static final long SECOND = Duration.ofSeconds(1).toNanos();

  private final AtomicLong nanos = new AtomicLong(1_000 * SECOND);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Counter deferred = registry.counter("deferred");

  private RequestBudget budget(int callsPerSecond) {
    var limiter =
        RateLimiter.of(
            "us-east-1 CodeDeploy",
            RateLimiterConfig.custom()
                .limitForPeriod(callsPerSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ofSeconds(30))
                .build(),
            nanos::get);
    var meters =
        new RequestBudget.Meters(
            Timer.builder("in_flight").register(registry),
            Timer.builder("preparing").register(registry),
            deferred);
    return new RequestBudget(limiter, "CodeDeploy", "us-east-1", meters, nanos::get);
  }

  /** Moves the clock to {@code seconds} (and a fraction) after the budget was made. */
  private void at(double seconds) {
    nanos.set(1_000 * SECOND + (long) (seconds * SECOND));
  }

  @Test
  void aCallInFlightGetsTheNextTokenBeforePreparingCallsQueuedEarlier() throws Exception {
    var budget = budget(1);
    budget.spend("BatchGetDeploymentGroups");
    var first = deferral(budget, "CreateDeployment");
    var second = deferral(budget, "ListDeployments");
    assertThat(first.ahead()).isZero();
    assertThat(first.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(second.ahead()).isEqualTo(1);
    assertThat(second.retryAfter()).isEqualTo(Duration.ofSeconds(2));

    // Just before the next token, a read of a running deployment asks for one: it is given it,
    // although two preparing calls were told to come back for it.
    at(0.999);
    var read = inFlight(budget, "BatchGetDeployments");
    at(1);
    read.get(10, TimeUnit.SECONDS);

    assertThat(deferral(budget, "CreateDeployment").ahead())
        .as("the preparing call that came back finds its token taken, and queues again")
        .isEqualTo(1);
    at(2);
    budget.spend("CreateDeployment");
    assertThat(deferred.count()).isEqualTo(3);
  }

  @Test
  void preparingCallsAreTurnedAwayWhileACallInFlightHoldsTheComingToken() {
    var budget = budget(2);
    budget.spend("CreateDeployment");
    at(0.999_999);
    budget.spend("BatchGetDeploymentTargets");
    // The in-flight call took the second and last token of this second: nothing to spare.
    assertThat(deferral(budget, "RegisterTaskDefinition").retryAfter())
        .isEqualTo(Duration.ofNanos(1_000));
    at(1);
    budget.spend("BatchGetDeploymentTargets");
    budget.spend("RegisterTaskDefinition");
    assertThatThrownBy(() -> budget.spend("CreateDeployment"))
        .as("two calls in the second, one of each lane: the budget is spent")
        .isInstanceOf(AwsBudgetWaitException.class);
  }

  @Test
  void bothLanesTogetherStayWithinTheBudget() throws Exception {
    var budget = budget(3);
    // Preparing calls take what is free now, and no more.
    int granted = 0;
    for (int call = 0; call < 10; call++) {
      try {
        budget.spend(call % 2 == 0 ? "CreateDeployment" : "BatchGetDeploymentGroups");
        granted++;
      } catch (AwsBudgetWaitException turnedAway) {
        // counted below
      }
    }
    assertThat(granted).isEqualTo(3);
    assertThat(budget.queued()).isEqualTo(7);

    at(0.999);
    var stop = inFlight(budget, "StopDeployment");
    at(1);
    stop.get(10, TimeUnit.SECONDS);
    int nextSecond = 0;
    for (int call = 0; call < 10; call++) {
      try {
        budget.spend("CreateDeployment");
        nextSecond++;
      } catch (AwsBudgetWaitException turnedAway) {
        // counted below
      }
    }
    assertThat(nextSecond).as("the call in flight took one of the three").isEqualTo(2);
  }

  @Test
  void theTurnedAwayAreToldHowManyAreAheadAndWhenToComeBack() {
    var budget = budget(4);
    for (int call = 0; call < 4; call++) {
      budget.spend("DescribeTaskDefinition");
    }
    at(0.25);
    var waits =
        java.util.stream.IntStream.range(0, 6)
            .mapToObj(i -> deferral(budget, "CreateDeployment"))
            .toList();
    assertThat(waits)
        .extracting(AwsBudgetWaitException::retryAfter)
        .containsExactly(
            Duration.ofMillis(750),
            Duration.ofMillis(1_000),
            Duration.ofMillis(1_250),
            Duration.ofMillis(1_500),
            Duration.ofMillis(1_750),
            Duration.ofMillis(2_000));
    assertThat(waits.get(5).getMessage())
        .isEqualTo(
            "Waiting for the operator's CodeDeploy request budget in us-east-1 (4 calls a second,"
                + " calls about deployments in flight first): 5 releases ahead, next try in 2 s");
    at(1.3);
    assertThat(budget.queued()).as("two places were reached").isEqualTo(4);
  }

  /**
   * A call in flight that must wait for the next second's token, made on another thread: it holds
   * its reservation as soon as it asks, and its wait ends when the test moves the clock on.
   */
  private static CompletableFuture<Void> inFlight(RequestBudget budget, String operation) {
    var call = CompletableFuture.runAsync(() -> budget.spend(operation));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> budget.waitingInFlight() == 1 || call.isDone());
    assertThat(call).as(operation + " waits for the next token").isNotDone();
    return call;
  }

  private static AwsBudgetWaitException deferral(RequestBudget budget, String operation) {
    var thrown = catchThrowableOfType(() -> budget.spend(operation), AwsBudgetWaitException.class);
    assertThat(thrown).as(operation + " turned away").isNotNull();
    return thrown;
  }
}
