package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.observability.OperatorMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The circuit breaker and the request budgets of every AWS account and region the operator calls,
 * one set per region and role (the role decides the account), shared by all releases there. Their
 * state is exported as metrics: {@code resilience4j_circuitbreaker_state{name}}, {@code
 * resilience4j_ratelimiter_waiting_threads{name}} (calls queued for a token) and {@code
 * ecs_bluegreen_aws_budget_wait_seconds{name}} (how long calls waited).
 */
public final class AwsGuards {
  static final String BUDGET_WAIT = OperatorMetrics.PREFIX + "aws.budget.wait";
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
        new GuardInterceptor(breaker, budget(name + " ECS", settings.ecsCallsPerSecond())),
        new GuardInterceptor(
            breaker, budget(name + " CodeDeploy", settings.codeDeployCallsPerSecond())),
        new GuardInterceptor(
            cloudWatchBreaker, budget(name + " CloudWatch", settings.cloudWatchCallsPerSecond())),
        new GuardInterceptor(elbBreaker, budget(name + " ELB", ELB_CALLS_PER_SECOND)));
  }

  private OutageBreaker breaker(String services, String breakerName, String target) {
    return new OutageBreaker(
        breakers.circuitBreaker(breakerName), services, target, clock, settings.probeEvery());
  }

  private RequestBudget budget(String name, int callsPerSecond) {
    var limiter =
        limiters.rateLimiter(
            name,
            RateLimiterConfig.custom()
                .limitForPeriod(callsPerSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(settings.maxBudgetWait())
                .writableStackTraceEnabled(false)
                .build());
    var waited =
        Timer.builder(BUDGET_WAIT)
            .description("Time AWS calls waited for a token of the operator's request budget")
            .tag("name", name)
            .register(registry);
    return new RequestBudget(limiter, waited);
  }
}
