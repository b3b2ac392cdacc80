package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** A run of an http check: {@code requests} GETs to a URL, judged by status, latency and body. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HttpCheck(
    @Required
        @JsonPropertyDescription(
            "http:// or https:// URL to GET, e.g. the test listener of the service's load"
                + " balancer, which reaches green from AllowTestTraffic on. At most 2048"
                + " characters.")
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
        String bodyMatches) {

  public static final int DEFAULT_REQUESTS = 10;

  public HttpCheck {
    expectedStatus =
        expectedStatus == null || expectedStatus.isEmpty()
            ? List.of(200)
            : List.copyOf(expectedStatus);
    requests = requests == null ? DEFAULT_REQUESTS : requests;
    successRatio = successRatio == null ? 1.0 : successRatio;
  }
}
