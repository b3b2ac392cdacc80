package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * One check the operator runs itself against green, while the deployment waits with test traffic on
 * green or while production traffic moves, and whose verdict lets production traffic move or rolls
 * the deployment back.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.promoteOnSuccess) || !self.promoteOnSuccess || self.phase == 'Baking'",
    fieldPath = ".promoteOnSuccess",
    message =
        "promoteOnSuccess applies to Baking checks only: it ends the termination wait once they"
            + " passed; a TestTraffic check that passes already lets production traffic move")
@ValidationRule(
    value = "[has(self.http), has(self.cloudWatch), has(self.prometheus)].filter(p, p).size() == 1",
    message = "a check takes exactly one provider: http, cloudWatch or prometheus")
public record AnalysisCheck(
    @Required
        @JsonPropertyDescription(
            "Name of the check, unique in the release: a DNS label (lowercase letters, digits and"
                + " -, at most 63). It names the check in status.analysis, Events and metrics.")
        @Pattern(Patterns.DNS_LABEL)
        @Size(max = 63)
        String name,
    @JsonPropertyDescription(
            "When the check runs. TestTraffic: once green takes test traffic and before production"
                + " traffic moves; the deployment waits at the ready wait until the check passes or"
                + " fails. ShiftingTraffic: while production traffic moves to green (between canary"
                + " or linear steps); it cannot hold the shift, only roll it back when it fails,"
                + " and one still running when the shift ends is decided from the runs it had."
                + " Baking: while production runs on green and blue is kept (the termination"
                + " wait); a failure rolls back to blue.")
        @Default("TestTraffic")
        AnalysisPhase phase,
    @JsonPropertyDescription("Seconds between two runs of the check, 1 to 3600. Default 30.")
        @Default("30")
        @Min(1)
        @Max(3600)
        Integer intervalSeconds,
    @JsonPropertyDescription(
            "Passing runs the check needs before it passes, 1 to 100. Default 3. Inconclusive"
                + " runs (the target could not be reached) never count as passing.")
        @Default("3")
        @Min(1)
        @Max(100)
        Integer count,
    @JsonPropertyDescription(
            "Failed runs at which the check fails and the deployment rolls back, 1 to 100."
                + " Default 1.")
        @Default("1")
        @Min(1)
        @Max(100)
        Integer failureLimit,
    @JsonPropertyDescription(
            "Seconds from green being ready to the first run, 0 to 3600. Default 0.")
        @Default("0")
        @Min(0)
        @Max(3600)
        Integer initialDelaySeconds,
    @JsonPropertyDescription(
            "Baking checks only: once every Baking check passed, end the termination wait at once"
                + " (as the ecs.bluegreen.dev/skip-bake action does) instead of keeping blue for"
                + " the rest of it. Default false.")
        Boolean promoteOnSuccess,
    @JsonPropertyDescription("Provider: requests to green over HTTP. One provider per check.")
        HttpCheck http,
    @JsonPropertyDescription(
            "Provider: a CloudWatch GetMetricData query (one metric or metric math) and the"
                + " threshold its newest datapoint fails at. One provider per check.")
        CloudWatchCheck cloudWatch,
    @JsonPropertyDescription("Provider: an instant PromQL query. One provider per check.")
        PrometheusCheck prometheus) {

  public static final int DEFAULT_INTERVAL_SECONDS = 30;
  public static final int DEFAULT_COUNT = 3;
  public static final int DEFAULT_FAILURE_LIMIT = 1;

  /** An http check. */
  public AnalysisCheck(
      String name,
      AnalysisPhase phase,
      Integer intervalSeconds,
      Integer count,
      Integer failureLimit,
      Integer initialDelaySeconds,
      HttpCheck http) {
    this(
        name,
        phase,
        intervalSeconds,
        count,
        failureLimit,
        initialDelaySeconds,
        null,
        http,
        null,
        null);
  }

  public AnalysisCheck {
    phase = phase == null ? AnalysisPhase.TestTraffic : phase;
    intervalSeconds = intervalSeconds == null ? DEFAULT_INTERVAL_SECONDS : intervalSeconds;
    count = count == null ? DEFAULT_COUNT : count;
    failureLimit = failureLimit == null ? DEFAULT_FAILURE_LIMIT : failureLimit;
    initialDelaySeconds = initialDelaySeconds == null ? 0 : initialDelaySeconds;
  }

  /** Whether a pass of this check (with the other Baking checks) ends the termination wait. */
  public boolean promotesOnSuccess() {
    return Boolean.TRUE.equals(promoteOnSuccess);
  }

  /** The same check with another http provider, e.g. its listener resolved to a URL. */
  public AnalysisCheck withHttp(HttpCheck resolved) {
    return new AnalysisCheck(
        name,
        phase,
        intervalSeconds,
        count,
        failureLimit,
        initialDelaySeconds,
        promoteOnSuccess,
        resolved,
        cloudWatch,
        prometheus);
  }

  /** When in a release a check runs. */
  public enum AnalysisPhase {
    TestTraffic,
    ShiftingTraffic,
    Baking
  }
}
