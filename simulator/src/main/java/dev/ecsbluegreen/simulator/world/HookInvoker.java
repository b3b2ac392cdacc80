package dev.ecsbluegreen.simulator.world;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the Lambda functions the world declares when a lifecycle hook invokes them. Functions with
 * a fixed answer report straight away (after their simulated answer time); URL functions receive
 * the real invocation payload and report through PutLifecycleEventHookExecutionStatus themselves.
 */
final class HookInvoker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HookInvoker.class);

  private final Map<String, World.FunctionSpec> functions;
  private final ListenerProbe probe;
  private final ExecutorService posts =
      Executors.newFixedThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "sim-hook-post");
            t.setDaemon(true);
            return t;
          });
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  HookInvoker(Map<String, World.FunctionSpec> functions, ListenerProbe probe) {
    this.functions = functions;
    this.probe = probe;
  }

  /** The function name in a hook reference: a plain name or a Lambda ARN (maybe qualified). */
  static String functionName(String reference) {
    int at = reference.indexOf(":function:");
    if (at < 0) {
      return reference;
    }
    String rest = reference.substring(at + ":function:".length());
    int qualifier = rest.indexOf(':');
    return qualifier < 0 ? rest : rest.substring(0, qualifier);
  }

  void invoke(Deployment deployment, HookExecution hook, Instant at) {
    World.FunctionSpec function = functions.get(hook.functionName);
    if (function == null) {
      hook.report(
          "Failed",
          at,
          "Function not found: " + hook.functionName + " (ResourceNotFoundException from Lambda)");
      return;
    }
    Instant answerAt = at.plusSeconds(function.answerAfterSeconds());
    switch (function.behaviour()) {
      case SUCCEED -> hook.report("Succeeded", answerAt, null);
      case FAIL -> hook.report("Failed", answerAt, "The hook function reported Failed");
      case NEVER_ANSWER -> {
        // The deployment waits for the hook timeout.
      }
      case HTTP_CHECK -> runHttpCheck(deployment, hook, function.httpCheck(), answerAt);
      case URL -> post(function.url(), deployment.id(), hook.id);
      case IN_PROGRESS ->
          hook.report(
              "Succeeded",
              answerAt.plus(
                  EcsHookRunner.callBackDelay(function).multipliedBy(function.inProgressTimes())),
              null);
    }
  }

  /** The declared function a hook names (plain name or ARN), if the world has it. */
  World.FunctionSpec function(String reference) {
    return functions.get(functionName(reference));
  }

  ListenerProbe probe() {
    return probe;
  }

  private void runHttpCheck(
      Deployment deployment, HookExecution hook, World.HttpCheckSpec check, Instant answerAt) {
    String listener =
        check.listener() == World.ListenerKind.TEST
            ? deployment.group().testListenerArn()
            : deployment.group().productionListenerArn();
    if (listener == null) {
      hook.report("Failed", answerAt, "The deployment group has no test listener to check");
      return;
    }
    int good = probe.countAnswers(listener, check.path(), check.expectStatus(), check.requests());
    if (good == check.requests()) {
      hook.report("Succeeded", answerAt, null);
    } else {
      hook.report(
          "Failed",
          answerAt,
          "%d of %d requests to %s answered %d"
              .formatted(good, check.requests(), check.path(), check.expectStatus()));
    }
  }

  private void post(String url, String deploymentId, String executionId) {
    String payload =
        "{\"DeploymentId\":\"%s\",\"LifecycleEventHookExecutionId\":\"%s\"}"
            .formatted(deploymentId, executionId);
    posts.execute(
        () -> {
          try {
            var request =
                HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(payload))
                    .build();
            http.send(request, HttpResponse.BodyHandlers.discarding());
          } catch (Exception e) {
            // Like an asynchronous Lambda invocation: the hook then times out.
            log.warn("Could not deliver hook invocation to {}: {}", url, e.toString());
          }
        });
  }

  @Override
  public void close() {
    posts.shutdownNow();
  }
}
