package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * A run of an http check: {@code requests} GETs to a URL, or to a path on one of the release's own
 * listeners, judged by status, latency and body.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.url) != has(self.listener)",
    message = "an http check takes exactly one of url or listener")
@ValidationRule(
    value = "!has(self.path) || has(self.listener)",
    message = "path goes with listener: with url, put the path in the URL")
public record HttpCheck(
    @JsonPropertyDescription(
            "http:// or https:// URL to GET. At most 2048 characters. Exactly one of url and"
                + " listener.")
        @Pattern(Patterns.HTTP_URL)
        @Size(max = Limits.CHECK_URL_LENGTH)
        String url,
    @JsonPropertyDescription("Status codes that count as a good answer, 100 to 599. Default [200].")
        @Size(min = 1, max = Limits.EXPECTED_STATUSES)
        List<@Min(100) @Max(599) Integer> expectedStatus,
    @JsonPropertyDescription("Requests per run, 1 to 100. Default 10.")
        @Default("10")
        @Min(1)
        @Max(100)
        Integer requests,
    @JsonPropertyDescription(
            "Share of a run's requests that must be good for the run to pass, 0 to 1. Default 1:"
                + " every request.")
        @Default("1")
        @Min(0)
        @Max(1)
        Double successRatio,
    @JsonPropertyDescription(
            "Optional: a request answered slower than this many milliseconds is not good, 1 to"
                + " 60000.")
        @Min(1)
        @Max(60000)
        Integer maxLatencyMillis,
    @JsonPropertyDescription(
            "Optional: a regular expression (RE2 syntax, at most 256 characters) the body of a"
                + " good answer contains a match of.")
        @Size(max = Limits.BODY_PATTERN_LENGTH)
        String bodyMatches,
    @JsonPropertyDescription(
            "The release's own listener to GET path on, instead of a url: Test (green from"
                + " AllowTestTraffic on) or Production. The operator finds its ARN in the"
                + " deployment group's traffic routes (spec.codeDeploy) or from the listener rule"
                + " of ecs.loadBalancer or the service's advancedConfiguration (spec.ecs), and its"
                + " address (load balancer DNS name, port, HTTP or HTTPS) through Elastic Load"
                + " Balancing, again every 5 minutes. Exactly one of url and listener.")
        CheckListener listener,
    @JsonPropertyDescription(
            "Path (and query) to GET on the listener, starting with /, at most 1024 characters."
                + " Default /. Only with listener.")
        @Pattern(Patterns.URL_PATH)
        @Size(max = Limits.CHECK_PATH_LENGTH)
        String path) {

  public static final int DEFAULT_REQUESTS = 10;

  /** An http check to a URL. */
  public HttpCheck(
      String url,
      List<Integer> expectedStatus,
      Integer requests,
      Double successRatio,
      Integer maxLatencyMillis,
      String bodyMatches) {
    this(url, expectedStatus, requests, successRatio, maxLatencyMillis, bodyMatches, null, null);
  }

  public HttpCheck {
    expectedStatus =
        expectedStatus == null || expectedStatus.isEmpty()
            ? List.of(200)
            : List.copyOf(expectedStatus);
    requests = requests == null ? DEFAULT_REQUESTS : requests;
    successRatio = successRatio == null ? 1.0 : successRatio;
    path = listener != null && path == null ? "/" : path;
  }

  /** The same check sent to a URL, e.g. the one its listener resolved to. */
  public HttpCheck toUrl(String resolvedUrl) {
    return new HttpCheck(
        resolvedUrl, expectedStatus, requests, successRatio, maxLatencyMillis, bodyMatches);
  }

  /** Which of the release's listeners an http check sends its requests to. */
  public enum CheckListener {
    Test,
    Production
  }
}
