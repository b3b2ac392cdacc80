package dev.ecsbluegreen.operator.observability;

import dev.ecsbluegreen.operator.errors.AwsOutageException;
import dev.ecsbluegreen.operator.errors.Causes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Times every AWS API call an SDK client makes, as {@code
 * ecs_bluegreen_aws_calls_seconds{service,operation,outcome,code}}: outcome {@code ok}, {@code
 * throttled} or {@code error}, and for failures the AWS error code ({@code none} on success). One
 * call is counted once, after the SDK's own retries: a call that was throttled and then succeeded
 * is {@code ok}.
 *
 * <p>Tags stay bounded: service and operation come from the SDK's model, error codes are AWS's
 * finite set, and anything unexpected (a code that does not look like one, or more distinct codes
 * than any real outage produces) is folded into {@code other}.
 */
public final class AwsCallMetrics implements ExecutionInterceptor {
  static final String NAME = OperatorMetrics.PREFIX + "aws.calls";
  static final int MAX_DISTINCT_CODES = 64;

  private static final ExecutionAttribute<Long> STARTED =
      new ExecutionAttribute<>("ecs-bluegreen-call-started");
  private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z][A-Za-z0-9._]{0,79}");

  private final MeterRegistry registry;
  private final Set<String> codesSeen = ConcurrentHashMap.newKeySet();

  public AwsCallMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    attributes.putAttribute(STARTED, System.nanoTime());
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    record(attributes, "ok", "none");
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    var failure = context.exception();
    if (Causes.find(failure, AwsOutageException.class).isPresent()) {
      // Failed fast by the outage breaker: never sent, so not an AWS call.
      return;
    }
    if (failure instanceof AwsServiceException aws) {
      String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
      record(attributes, aws.isThrottlingException() ? "throttled" : "error", bounded(code));
    } else {
      // Client-side failures (timeouts, connection refused): the SDK's exception type says which.
      record(attributes, "error", failure.getClass().getSimpleName());
    }
  }

  private void record(ExecutionAttributes attributes, String outcome, String code) {
    Long started = attributes.getAttribute(STARTED);
    var timer =
        Timer.builder(NAME)
            .description("AWS API calls by service, operation and outcome, retries included")
            .tag("service", orUnknown(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)))
            .tag(
                "operation",
                orUnknown(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)))
            .tag("outcome", outcome)
            .tag("code", code)
            .register(registry);
    timer.record(started == null ? 0 : System.nanoTime() - started, TimeUnit.NANOSECONDS);
  }

  String bounded(String code) {
    if (code == null || !ERROR_CODE.matcher(code).matches()) {
      return "other";
    }
    if (codesSeen.contains(code)) {
      return code;
    }
    synchronized (codesSeen) {
      if (codesSeen.size() >= MAX_DISTINCT_CODES) {
        return "other";
      }
      codesSeen.add(code);
      return code;
    }
  }

  private static String orUnknown(String value) {
    return value == null ? "unknown" : value;
  }
}
