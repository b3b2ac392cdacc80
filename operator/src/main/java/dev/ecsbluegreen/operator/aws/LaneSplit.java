package dev.ecsbluegreen.operator.aws;

import java.time.Duration;

/**
 * How one request budget's tokens are split between its two lanes ({@link CallLane}). Preparing
 * calls are sure of a quarter of the budget, rounded up, and calls in flight of the rest; either
 * lane also takes the other's tokens while that lane wants none. A quarter because at the default
 * CodeDeploy budget of 10 calls a second it leaves 7 to calls in flight, enough for 7 shared {@code
 * BatchGetDeployments} of 25 deployments each, and 3 to preparing calls, which create 1,000
 * deployments (2 CodeDeploy calls each) in at most 11 minutes while in-flight reads take all they
 * are sure of, and in 200 s while they do not.
 *
 * @param inFlight tokens each period for calls about deployments in flight
 * @param preparing tokens each period for calls that prepare deployments
 * @param period how often both lanes' tokens are refilled
 */
record LaneSplit(int inFlight, int preparing, Duration period) {
  static final double PREPARING_SHARE = 0.25;

  static LaneSplit of(int callsPerSecond) {
    if (callsPerSecond < 1) {
      throw new IllegalArgumentException("callsPerSecond must be positive, was " + callsPerSecond);
    }
    if (callsPerSecond == 1) {
      // One token a second cannot be split: each lane gets one every other second.
      return new LaneSplit(1, 1, Duration.ofSeconds(2));
    }
    int preparing = (int) Math.ceil(callsPerSecond * PREPARING_SHARE);
    return new LaneSplit(callsPerSecond - preparing, preparing, Duration.ofSeconds(1));
  }
}
