package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.HttpCheck;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code http} provider: a run sends {@code requests} GETs one after the other and passes when
 * the share of good answers (expected status, within the latency bound, body matching) reaches the
 * success ratio. A run in which no request got an answer measured nothing: inconclusive.
 */
public final class HttpProvider implements Provider {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Override
  public Measurement measure(AnalysisCheck check, ResourceID release) {
    HttpCheck http = check.http();
    Pattern body = http.bodyMatches() == null ? null : Pattern.compile(http.bodyMatches());
    int good = 0;
    int answered = 0;
    Map<String, Integer> bad = new TreeMap<>();
    String unreachable = null;
    for (int i = 0; i < http.requests(); i++) {
      long started = System.nanoTime();
      try {
        var response =
            client.send(
                HttpRequest.newBuilder(URI.create(http.url())).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        answered++;
        String flaw = flaw(http, body, response, millis);
        if (flaw == null) {
          good++;
        } else {
          bad.merge(flaw, 1, Integer::sum);
        }
      } catch (IOException e) {
        unreachable =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Measurement.inconclusive("interrupted while measuring " + http.url());
      }
    }
    if (answered == 0) {
      return Measurement.inconclusive(
          "%s could not be reached (%s)".formatted(http.url(), unreachable));
    }
    return judge(http, good, bad, http.requests() - answered);
  }

  static Measurement judge(HttpCheck http, int good, Map<String, Integer> bad, int unanswered) {
    int requests = http.requests();
    double ratio = (double) good / requests;
    boolean pass = ratio >= http.successRatio();
    var why = new StringBuilder();
    bad.forEach((flaw, n) -> why.append(", ").append(n).append(' ').append(flaw));
    if (unanswered > 0) {
      why.append(", ").append(unanswered).append(" unanswered");
    }
    String value = "%d/%d good".formatted(good, requests);
    String message =
        "%s from %s (needs %s%%)%s"
            .formatted(
                value,
                http.url(),
                percent(http.successRatio()),
                why.length() == 0 ? "" : ":" + why.substring(1));
    return new Measurement(
        pass ? Measurement.Result.PASS : Measurement.Result.FAIL, value, message);
  }

  private static String flaw(
      HttpCheck http, Pattern body, HttpResponse<String> response, long millis) {
    if (!http.expectedStatus().contains(response.statusCode())) {
      return "answered " + response.statusCode();
    }
    if (http.maxLatencyMillis() != null && millis > http.maxLatencyMillis()) {
      return "slower than " + http.maxLatencyMillis() + " ms";
    }
    if (body != null && !body.matcher(response.body()).find()) {
      return "without a body matching " + http.bodyMatches();
    }
    return null;
  }

  private static String percent(double ratio) {
    double p = ratio * 100;
    return p == Math.rint(p) ? Long.toString(Math.round(p)) : Double.toString(p);
  }
}
