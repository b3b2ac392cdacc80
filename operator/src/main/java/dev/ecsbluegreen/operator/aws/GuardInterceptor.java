package dev.ecsbluegreen.operator.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Puts one client's calls behind its account and region's breaker and its API family's budget. A
 * call is admitted by the breaker first (an outage fails fast without spending a token), then waits
 * for a token; its outcome, after the SDK's own retries, tells the breaker whether AWS answered.
 */
final class GuardInterceptor implements ExecutionInterceptor {
  /** The release a call is for, when its caller names one (see {@link RegistrationBudget}). */
  static final ExecutionAttribute<String> RELEASE_UID =
      new ExecutionAttribute<>("ecs-bluegreen-release-uid");

  private static final ExecutionAttribute<Boolean> ADMITTED =
      new ExecutionAttribute<>("ecs-bluegreen-breaker-admitted");

  private final OutageBreaker breaker;
  private final CallBudget budget;

  GuardInterceptor(OutageBreaker breaker, CallBudget budget) {
    this.breaker = breaker;
    this.budget = budget;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    breaker.admit();
    try {
      budget.spend(
          attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
          attributes.getAttribute(RELEASE_UID));
    } catch (RuntimeException e) {
      breaker.abandoned();
      throw e;
    }
    attributes.putAttribute(ADMITTED, true);
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    if (admitted(attributes)) {
      breaker.answered();
    }
  }

  /**
   * Tells the breaker how the call ended. A failure that leaves the target's breaker open carries
   * the outage along (the SDK insists on its own exception type here, so as a suppressed one), and
   * {@link AwsErrors#classify} reports the outage: the release that probed reads the same as those
   * that waited.
   */
  @Override
  public Throwable modifyException(
      Context.FailedExecution context, ExecutionAttributes attributes) {
    var failure = context.exception();
    if (!admitted(attributes)) {
      return failure;
    }
    attributes.putAttribute(ADMITTED, false);
    var problem = AwsErrors.outageProblem(failure);
    if (problem.isEmpty()) {
      breaker.answered();
      return failure;
    }
    breaker.failed(problem.get(), failure);
    breaker.outage().ifPresent(failure::addSuppressed);
    return failure;
  }

  private static boolean admitted(ExecutionAttributes attributes) {
    return Boolean.TRUE.equals(attributes.getAttribute(ADMITTED));
  }
}
