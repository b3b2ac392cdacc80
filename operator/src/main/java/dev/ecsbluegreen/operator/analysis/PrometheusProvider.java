package dev.ecsbluegreen.operator.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsbluegreen.operator.analysis.Measurement.Result;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.PrometheusCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.ThresholdRange;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The {@code prometheus} provider: a run is one instant query through Prometheus's HTTP API ({@code
 * POST <url>/api/v1/query}, form-encoded, so a long query never meets a URL length limit) and
 * passes when its single value lies in the threshold range. Anything that is not one number (no
 * series, several series, NaN, an error answer, a token that cannot be read) measured nothing about
 * green: inconclusive, never a pass and never a failure that rolls a good green back.
 */
public final class PrometheusProvider implements Provider {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(CONNECT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final TokenSecrets secrets;

  public PrometheusProvider(TokenSecrets secrets) {
    this.secrets = secrets;
  }

  @Override
  public Measurement measure(AnalysisCheck check, ResourceID release) {
    PrometheusCheck prometheus = check.prometheus();
    var endpoint = endpoint(prometheus.url());
    var request =
        HttpRequest.newBuilder(endpoint)
            .timeout(QUERY_TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "query=" + URLEncoder.encode(prometheus.query(), StandardCharsets.UTF_8)));
    if (prometheus.tokenSecretRef() != null) {
      try {
        String token =
            secrets.read(release.getNamespace().orElse("default"), prometheus.tokenSecretRef());
        request.header("Authorization", "Bearer " + token);
      } catch (TokenSecrets.Unavailable e) {
        return inconclusive("no token", "no query sent: " + e.getMessage());
      } catch (IllegalArgumentException e) {
        return inconclusive(
            "no token",
            "no query sent: the token in Secret %s is not a valid header value"
                .formatted(prometheus.tokenSecretRef().name()));
      }
    }
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return Measurement.inconclusive(
          "%s could not be reached (%s%s)"
              .formatted(
                  endpoint,
                  e.getClass().getSimpleName(),
                  e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Measurement.inconclusive("interrupted while querying " + endpoint);
    }
    return judge(prometheus.thresholdRange(), endpoint, response.statusCode(), response.body());
  }

  /** The query endpoint under the configured base URL, which may carry a path prefix. */
  static URI endpoint(String url) {
    String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    return URI.create(base + "/api/v1/query");
  }

  /** What an answer of the query API means for the run. */
  static Measurement judge(ThresholdRange range, URI endpoint, int status, String body) {
    JsonNode answer;
    try {
      answer = JSON.readTree(body);
    } catch (IOException e) {
      answer = null;
    }
    if (answer == null || !answer.isObject()) {
      return inconclusive(
          "no answer",
          "%s answered %d without a Prometheus API answer".formatted(endpoint, status));
    }
    if (!"success".equals(answer.path("status").asText())) {
      return inconclusive(
          "query error",
          "%s answered %d: %s: %s"
              .formatted(
                  endpoint,
                  status,
                  answer.path("errorType").asText("error"),
                  answer.path("error").asText("no error message")));
    }
    var data = answer.path("data");
    String type = data.path("resultType").asText();
    var result = data.path("result");
    String sample;
    switch (type) {
      case "scalar" -> sample = result.path(1).asText(null);
      case "vector" -> {
        if (result.size() == 0) {
          return inconclusive(
              "no series",
              "the query returned no series: nothing measured (no traffic yet, or a label that"
                  + " matches nothing)");
        }
        if (result.size() > 1) {
          return inconclusive(
              result.size() + " series",
              ("the query returned %d series, not one: aggregate it (sum, max, avg) so it"
                      + " measures a single value")
                  .formatted(result.size()));
        }
        sample = result.path(0).path("value").path(1).asText(null);
      }
      default -> {
        return inconclusive(
            "not a number",
            "the query returned a %s, not a scalar or an instant vector"
                .formatted(type.isEmpty() ? "result of no type" : type));
      }
    }
    double value;
    try {
      value = Double.parseDouble(sample == null ? "" : sample.replace("Inf", "Infinity"));
    } catch (NumberFormatException e) {
      return inconclusive("not a number", "the query's value %s is not a number".formatted(sample));
    }
    if (Double.isNaN(value)) {
      return inconclusive(
          "NaN", "the query measured NaN (a division by zero: no requests in the window?)");
    }
    String shown = ThresholdRange.number(value);
    boolean pass = range.contains(value);
    return new Measurement(
        pass ? Result.PASS : Result.FAIL,
        shown,
        "measured %s; passes at %s".formatted(shown, range.describe()));
  }

  private static Measurement inconclusive(String value, String message) {
    return new Measurement(Result.INCONCLUSIVE, value, message);
  }
}
