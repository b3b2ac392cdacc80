package dev.ecsbluegreen.simulator.world;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Plays the world's Lambda functions under ECS's hook contract: the function <em>returns</em>
 * {@code hookStatus} SUCCEEDED, FAILED or IN_PROGRESS (with an optional {@code callBackDelay}), and
 * anything else counts as FAILED. Declared behaviours answer at once (after their simulated answer
 * time); URL functions get the invocation payload POSTed and their HTTP answer is the return value.
 */
final class EcsHookRunner implements AutoCloseable {

  /** ECS invokes an IN_PROGRESS hook again after this long unless the function says otherwise. */
  static final Duration DEFAULT_CALL_BACK_DELAY = Duration.ofSeconds(30);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a function returned, and when. A null status means it never answers. */
  record Answer(Instant at, String hookStatus, Duration callBackDelay, String reason) {
    static Answer of(Instant at, String hookStatus, String reason) {
      return new Answer(at, hookStatus, DEFAULT_CALL_BACK_DELAY, reason);
    }
  }

  private final HookInvoker functions;
  private final ExecutorService posts =
      Executors.newFixedThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "sim-ecs-hook-post");
            t.setDaemon(true);
            return t;
          });
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  EcsHookRunner(HookInvoker functions) {
    this.functions = functions;
  }

  static Duration callBackDelay(World.FunctionSpec function) {
    return function.callBackDelaySeconds() == null
        ? DEFAULT_CALL_BACK_DELAY
        : Duration.ofSeconds(function.callBackDelaySeconds());
  }

  /**
   * Invokes the hook's function for the {@code run.invocations()}-th time. Returns the answer, or
   * null when it arrives later through {@code later} (URL functions, from another thread).
   */
  Answer invoke(ServiceDeployment d, HookRun run, Instant at, Consumer<Answer> later) {
    World.FunctionSpec function = functions.function(run.spec().hookTargetArn());
    if (function == null) {
      return Answer.of(
          at,
          "FAILED",
          "Function not found: "
              + run.spec().hookTargetArn()
              + " (ResourceNotFoundException from Lambda)");
    }
    Instant answerAt = at.plusSeconds(function.answerAfterSeconds());
    return switch (function.behaviour()) {
      case SUCCEED -> Answer.of(answerAt, "SUCCEEDED", null);
      case FAIL -> Answer.of(answerAt, "FAILED", "returned hookStatus FAILED");
      case NEVER_ANSWER -> Answer.of(answerAt, null, null);
      case IN_PROGRESS ->
          run.invocations() <= function.inProgressTimes()
              ? new Answer(answerAt, "IN_PROGRESS", callBackDelay(function), null)
              : Answer.of(answerAt, "SUCCEEDED", null);
      case HTTP_CHECK -> httpCheck(d, function.httpCheck(), answerAt);
      case URL -> {
        post(function.url(), payload(d, run), at, later);
        yield null;
      }
    };
  }

  private Answer httpCheck(ServiceDeployment d, World.HttpCheckSpec check, Instant answerAt) {
    NativeLoadBalancer lb = d.target().loadBalancer();
    String listener =
        lb == null
            ? null
            : check.listener() == World.ListenerKind.TEST
                ? lb.testListenerArn()
                : lb.productionListenerArn();
    if (listener == null) {
      return Answer.of(answerAt, "FAILED", "the service has no " + check.listener() + " listener");
    }
    int good =
        functions
            .probe()
            .countAnswers(listener, check.path(), check.expectStatus(), check.requests());
    return good == check.requests()
        ? Answer.of(answerAt, "SUCCEEDED", null)
        : Answer.of(
            answerAt,
            "FAILED",
            "%d of %d requests to %s answered %d"
                .formatted(good, check.requests(), check.path(), check.expectStatus()));
  }

  /** The event ECS passes to the function. */
  static ObjectNode payload(ServiceDeployment d, HookRun run) {
    ObjectNode o = JSON.createObjectNode();
    o.put("executionId", run.hookId());
    o.put("lifecycleStage", d.lifecycleStage());
    o.put("resourceArn", d.arn());
    ObjectNode details = o.putObject("executionDetails");
    details.put("serviceArn", d.service().arn());
    details.put("targetServiceRevisionArn", d.target().arn());
    weights(details.putObject("testTrafficWeights"), d, d.targetTestWeight());
    weights(details.putObject("productionTrafficWeights"), d, d.targetProductionWeight());
    if (run.spec().hookDetails() != null) {
      o.set("hookDetails", run.spec().hookDetails().deepCopy());
    }
    return o;
  }

  private static void weights(ObjectNode out, ServiceDeployment d, double targetWeight) {
    d.source().ifPresent(s -> out.put(s.arn(), 100 - targetWeight));
    out.put(d.target().arn(), targetWeight);
  }

  private void post(String url, ObjectNode payload, Instant at, Consumer<Answer> later) {
    posts.execute(
        () -> {
          Answer answer;
          try {
            var request =
                HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(payload.toString()))
                    .build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            answer = parse(response.statusCode(), response.body());
          } catch (Exception e) {
            answer = Answer.of(null, "FAILED", "function error: " + e);
          }
          later.accept(answer);
        });
  }

  /** A URL function's HTTP answer read as a Lambda return value; the time is set on delivery. */
  static Answer parse(int httpStatus, String body) {
    if (httpStatus / 100 != 2) {
      return Answer.of(null, "FAILED", "function error: HTTP " + httpStatus);
    }
    try {
      JsonNode returned = JSON.readTree(body);
      String status = returned.path("hookStatus").asText("");
      if (!status.equals("SUCCEEDED")
          && !status.equals("FAILED")
          && !status.equals("IN_PROGRESS")) {
        return Answer.of(null, "FAILED", "the function returned no valid hookStatus");
      }
      Duration delay =
          returned.hasNonNull("callBackDelay")
              ? Duration.ofSeconds(returned.get("callBackDelay").asLong())
              : DEFAULT_CALL_BACK_DELAY;
      String reason = status.equals("FAILED") ? "returned hookStatus FAILED" : null;
      return new Answer(null, status, delay, reason);
    } catch (Exception e) {
      return Answer.of(null, "FAILED", "the function returned no valid hookStatus");
    }
  }

  @Override
  public void close() {
    posts.shutdownNow();
  }
}
