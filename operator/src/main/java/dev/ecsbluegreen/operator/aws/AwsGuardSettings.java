package dev.ecsbluegreen.operator.aws;

import java.time.Duration;

/**
 * How the operator protects each AWS account and region from itself, and itself from an outage.
 *
 * @param breakerFailures consecutive failed calls (connection refused, 5xx or throttling, after the
 *     SDK's own retries) to one account and region that open its circuit breaker
 * @param probeEvery how long an open breaker fails calls fast before it lets one call through as a
 *     probe; a successful probe closes it and every release carries on
 * @param ecsCallsPerSecond the request budget for ECS calls per account and region; calls beyond it
 *     wait inside the operator for a token instead of being throttled by AWS
 * @param codeDeployCallsPerSecond the same for CodeDeploy calls
 * @param maxBudgetWait the longest a call waits for a token before its pass is retried later
 * @param cloudWatchCallsPerSecond the same for CloudWatch calls (the metrics analysis reads)
 * @param registrationBurst task definition registrations per account and region sent at once, after
 *     which they go 1 a second (see {@link RegistrationBudget}), inside the ECS budget
 */
public record AwsGuardSettings(
    int breakerFailures,
    Duration probeEvery,
    int ecsCallsPerSecond,
    int codeDeployCallsPerSecond,
    Duration maxBudgetWait,
    int cloudWatchCallsPerSecond,
    int registrationBurst) {

  /**
   * ECS throttles each account and region with a token bucket per group of actions; 20 a second is
   * the refill rate it documents for task launches, the figure to start from for the describe and
   * register actions the operator uses. CodeDeploy publishes no rates, and a client polling it
   * below one call a second with bursts has been throttled, so its budget is half that.
   */
  public static final int DEFAULT_ECS_CALLS_PER_SECOND = 20;

  public static final int DEFAULT_CODEDEPLOY_CALLS_PER_SECOND = 10;

  /**
   * CloudWatch's default GetMetricData quota is 50 transactions a second per account and region,
   * shared with dashboards and other tools; the operator keeps to half of it.
   */
  public static final int DEFAULT_CLOUDWATCH_CALLS_PER_SECOND = 25;

  /**
   * ECS registers 60 task definitions at once and then 1 a second per account and region; half the
   * bucket at once, then 1 a second, keeps within it.
   */
  public static final int DEFAULT_REGISTRATION_BURST = 30;

  public static final int DEFAULT_BREAKER_FAILURES = 5;
  public static final Duration DEFAULT_PROBE_EVERY = Duration.ofSeconds(30);

  public AwsGuardSettings {
    positive("breakerFailures", breakerFailures);
    positive("ecsCallsPerSecond", ecsCallsPerSecond);
    positive("codeDeployCallsPerSecond", codeDeployCallsPerSecond);
    positive("cloudWatchCallsPerSecond", cloudWatchCallsPerSecond);
    positive("registrationBurst", registrationBurst);
    if (probeEvery == null || probeEvery.isNegative() || probeEvery.isZero()) {
      throw new IllegalArgumentException(
          "probeEvery must be a positive duration, was " + probeEvery);
    }
    if (maxBudgetWait == null || maxBudgetWait.isNegative()) {
      throw new IllegalArgumentException(
          "maxBudgetWait must not be negative, was " + maxBudgetWait);
    }
  }

  public static AwsGuardSettings defaults() {
    return new AwsGuardSettings(
        DEFAULT_BREAKER_FAILURES,
        DEFAULT_PROBE_EVERY,
        DEFAULT_ECS_CALLS_PER_SECOND,
        DEFAULT_CODEDEPLOY_CALLS_PER_SECOND,
        Duration.ofSeconds(30),
        DEFAULT_CLOUDWATCH_CALLS_PER_SECOND,
        DEFAULT_REGISTRATION_BURST);
  }

  /**
   * For a simulator whose time runs faster than the wall clock: the breaker as in production (it
   * waits on the simulated clock), a budget high enough never to hold a call back.
   */
  public static AwsGuardSettings simulated() {
    return defaults()
        .withBudget(10_000, 10_000)
        .withCloudWatchBudget(10_000)
        .withRegistrationBurst(10_000);
  }

  public AwsGuardSettings withBudget(int ecsPerSecond, int codeDeployPerSecond) {
    return new AwsGuardSettings(
        breakerFailures,
        probeEvery,
        ecsPerSecond,
        codeDeployPerSecond,
        maxBudgetWait,
        cloudWatchCallsPerSecond,
        registrationBurst);
  }

  public AwsGuardSettings withCloudWatchBudget(int perSecond) {
    return new AwsGuardSettings(
        breakerFailures,
        probeEvery,
        ecsCallsPerSecond,
        codeDeployCallsPerSecond,
        maxBudgetWait,
        perSecond,
        registrationBurst);
  }

  /** Task definition registrations at once, then 1 a second. */
  public AwsGuardSettings withRegistrationBurst(int burst) {
    return new AwsGuardSettings(
        breakerFailures,
        probeEvery,
        ecsCallsPerSecond,
        codeDeployCallsPerSecond,
        maxBudgetWait,
        cloudWatchCallsPerSecond,
        burst);
  }

  public AwsGuardSettings withBreaker(int failures, Duration probe) {
    return new AwsGuardSettings(
        failures,
        probe,
        ecsCallsPerSecond,
        codeDeployCallsPerSecond,
        maxBudgetWait,
        cloudWatchCallsPerSecond,
        registrationBurst);
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
