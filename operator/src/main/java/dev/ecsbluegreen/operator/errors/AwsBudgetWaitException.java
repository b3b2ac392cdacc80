package dev.ecsbluegreen.operator.errors;

import java.time.Duration;

/**
 * A call that prepares a deployment was not sent: the operator's request budget for its API family,
 * account and region has no token to spare now (calls about deployments in flight come first), and
 * others are queued before it. Not a failure: the pass gives its thread back and comes again when
 * the budget predicts a token for it.
 */
public final class AwsBudgetWaitException extends ReleaseException {
  private final Duration retryAfter;
  private final int ahead;

  /**
   * @param retryAfter when the budget expects a token to be free for this call
   * @param ahead the preparing calls queued before this one
   */
  public AwsBudgetWaitException(String message, Duration retryAfter, int ahead) {
    super(message, null, null);
    this.retryAfter = retryAfter;
    this.ahead = ahead;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  public int ahead() {
    return ahead;
  }

  @Override
  public Kind kind() {
    return Kind.BUDGET_WAIT;
  }
}
