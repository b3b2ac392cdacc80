package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.observability.OperatorMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The circuit breaker and the request budgets of every AWS account and region the operator calls,
 * one set per region and role (the role decides the account), shared by all releases there. Their
 * state is exported as metrics: {@code resilience4j_circuitbreaker_state{name}}, {@code
 * resilience4j_ratelimiter_waiting_threads{name}} (calls in flight queued for a token), {@code
 * ecs_bluegreen_aws_budget_wait_seconds{name,lane}} (how long calls waited, by {@link CallLane}),
 * {@code ecs_bluegreen_aws_budget_deferred_total{name}} (preparing calls turned away) and {@code
 * ecs_bluegreen_aws_budget_queued{name}} (their passes waiting to come back).
 */
public final class AwsGuards {
  static final String BUDGET_WAIT = OperatorMetrics.PREFIX + "aws.budget.wait";
  static final String BUDGET_DEFERRED = OperatorMetrics.PREFIX + "aws.budget.deferred";
  static final String BUDGET_QUEUED = OperatorMetrics.PREFIX + "aws.budget.queued";
  static final Duration PROBE_ANSWER_TIMEOUT = Duration.ofMinutes(2);

  private final AwsGuardSettings settings;
  private final Clock clock;
  private final MeterRegistry registry;
  private final CircuitBreakerRegistry breakers;
  private final RateLimiterRegistry limiters;
  private final Map<String, Target> targets = new ConcurrentHashMap<>();

  /**
   * Calls a second to Elastic Load Balancing per account and region: an analysis check resolves its
   * listener once, so these calls are rare; ELB's describe calls share a per-account quota with
   * every other tool reading load balancers, and the operator keeps well below it.
   */
  static final int ELB_CALLS_PER_SECOND = 5;

  /** The interceptors that guard one target's ECS, CodeDeploy, CloudWatch and ELB clients. */
  public record Target(
      ExecutionInterceptor ecs,
      ExecutionInterceptor codeDeploy,
      ExecutionInterceptor cloudWatch,
      ExecutionInterceptor elb) {}

  /**
   * @param clock the operator's clock, on which the breaker waits between probes
   * @param registry where the breakers' and budgets' metrics go
   */
  public AwsGuards(AwsGuardSettings settings, Clock clock, MeterRegistry registry) {
    this.settings = settings;
    this.clock = clock;
    this.registry = registry;
    this.breakers =
        CircuitBreakerRegistry.of(
            CircuitBreakerConfig.custom()
                .slidingWindow(
                    settings.breakerFailures(),
                    settings.breakerFailures(),
                    SlidingWindowType.COUNT_BASED)
                // Only when every call in the window failed: a partly failing target (some
                // throttling, the odd 5xx) is the SDK's and the reconciler's retries' business.
                .failureRateThreshold(100)
                .waitDurationInOpenState(settings.probeEvery())
                .permittedNumberOfCallsInHalfOpenState(1)
                // A probe's answer comes within the SDK's call timeout; should its outcome ever
                // go unreported, the breaker must not wait for it forever with every call refused.
                .maxWaitDurationInHalfOpenState(PROBE_ANSWER_TIMEOUT)
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build());
    this.limiters = RateLimiterRegistry.of(RateLimiterConfig.ofDefaults());
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry);
    TaggedRateLimiterMetrics.ofRateLimiterRegistry(limiters).bindTo(registry);
  }

  /** Guards with these settings and no exported metrics. */
  public static AwsGuards unmetered(AwsGuardSettings settings, Clock clock) {
    return new AwsGuards(settings, clock, new CompositeMeterRegistry());
  }

  /** The guards of one region, and role if one is assumed. */
  public Target forTarget(String region, String roleArn) {
    String name = roleArn == null ? region : region + " (role " + roleArn + ")";
    return targets.computeIfAbsent(name, this::create);
  }

  private Target create(String name) {
    var breaker = breaker("ECS/CodeDeploy", name, name);
    // CloudWatch has a breaker of its own: metrics being unreachable makes analysis inconclusive,
    // and must not stop the deployment calls that would roll a release back.
    var cloudWatchBreaker = breaker("CloudWatch", name + " CloudWatch", name);
    // So has ELB, for the same reason: a listener it cannot resolve only makes a check
    // inconclusive.
    var elbBreaker = breaker("Elastic Load Balancing", name + " ELB", name);
    return new Target(
        new GuardInterceptor(
            breaker, registrations(name).then(budget("ECS", name, settings.ecsCallsPerSecond()))),
        new GuardInterceptor(
            breaker, budget("CodeDeploy", name, settings.codeDeployCallsPerSecond())),
        new GuardInterceptor(
            cloudWatchBreaker, budget("CloudWatch", name, settings.cloudWatchCallsPerSecond())),
        new GuardInterceptor(elbBreaker, budget("ELB", name, ELB_CALLS_PER_SECOND)));
  }

  private OutageBreaker breaker(String services, String breakerName, String target) {
    return new OutageBreaker(
        breakers.circuitBreaker(breakerName), services, target, clock, settings.probeEvery());
  }

  private RequestBudget budget(String family, String target, int callsPerSecond) {
    String name = target + " " + family;
    var split = LaneSplit.of(callsPerSecond);
    // The in-flight lane keeps the budget's own name, so the limiter's metrics read as before.
    var inFlight = limiter(name, split.inFlight(), split.period(), settings.maxBudgetWait());
    var preparing = limiter(name + " preparing", split.preparing(), split.period(), Duration.ZERO);
    var meters =
        new RequestBudget.Meters(
            waitTimer(name, CallLane.IN_FLIGHT),
            waitTimer(name, CallLane.PREPARING),
            deferredCounter(name));
    // The resilience4j limiters count their periods on System.nanoTime (their default).
    var budget =
        new RequestBudget(
            inFlight, preparing, callsPerSecond, family, target, meters, System::nanoTime);
    queuedGauge(name, budget, RequestBudget::queued);
    return budget;
  }

  private RegistrationBudget registrations(String target) {
    String name = target + " ECS " + RegistrationBudget.OPERATION;
    var budget =
        new RegistrationBudget(
            settings.registrationBurst(), target, System::nanoTime, deferredCounter(name));
    queuedGauge(name, budget, RegistrationBudget::queued);
    return budget;
  }

  private Counter deferredCounter(String name) {
    return Counter.builder(BUDGET_DEFERRED)
        .description(
            "Calls preparing a deployment that the request budget turned away, their pass"
                + " rescheduled for when a token should be free")
        .tag("name", name)
        .register(registry);
  }

  private <T> void queuedGauge(String name, T budget, ToDoubleFunction<T> queued) {
    Gauge.builder(BUDGET_QUEUED, budget, queued)
        .description("Passes preparing a deployment that wait for a token of the request budget")
        .tag("name", name)
        .strongReference(true)
        .register(registry);
  }

  private RateLimiter limiter(String name, int perPeriod, Duration period, Duration timeout) {
    return limiters.rateLimiter(
        name,
        RateLimiterConfig.custom()
            .limitForPeriod(perPeriod)
            .limitRefreshPeriod(period)
            .timeoutDuration(timeout)
            .writableStackTraceEnabled(false)
            .build());
  }

  private Timer waitTimer(String name, CallLane lane) {
    return Timer.builder(BUDGET_WAIT)
        .description("Time AWS calls waited for a token of the operator's request budget")
        .tag("name", name)
        .tag("lane", lane.tag())
        .register(registry);
  }
}
