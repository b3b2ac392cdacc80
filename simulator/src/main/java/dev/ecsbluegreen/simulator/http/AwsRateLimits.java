package dev.ecsbluegreen.simulator.http;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * AWS's request throttling, opt-in: a token bucket per caller (an access key stands for one account
 * here) and per action class, as ECS documents it. A call that finds its bucket empty is answered
 * {@code ThrottlingException}, "Rate exceeded", before it reaches the world, and uses no token.
 * Buckets refill on the wall clock whatever the simulated clock's speed, as AWS's do: the rates a
 * client keeps to are rates of real seconds.
 *
 * <p>The classes and rates, with where each figure comes from:
 *
 * <ul>
 *   <li>ECS task definition registration ({@code RegisterTaskDefinition}, {@code
 *       DeregisterTaskDefinition}): 1 a second, at most 60 in a minute (ECS's service limits page:
 *       "1 per second / 60 max per minute"), so a bucket of 60 refilled at 1 a second.
 *   <li>Every other ECS action, in classes of their own (service reads, task definition reads,
 *       service changes, service deployment calls, the rest): a bucket of 50 refilled at 20 a
 *       second each, the figures ECS's request throttling page gives for its cluster read actions;
 *       the page's figures for the other classes are not confirmed here, so this applies the one it
 *       gives as an example to all of them.
 *   <li>CodeDeploy, which publishes no rates: one bucket of 20 refilled at 10 a second for the
 *       whole API, the conservative rate the operator's budget assumes by default.
 * </ul>
 */
public final class AwsRateLimits {
  /** One action class's bucket size and refill rate. */
  public record Rate(int bucket, double refillPerSecond) {
    public Rate {
      if (bucket < 1 || refillPerSecond <= 0) {
        throw new IllegalArgumentException(
            "a rate needs a bucket of at least 1 and a positive refill, was " + this);
      }
    }
  }

  static final Rate ECS_TASK_DEFINITION_REGISTRATION = new Rate(60, 1);
  static final Rate ECS_ACTION_CLASS = new Rate(50, 20);
  static final Rate CODEDEPLOY = new Rate(20, 10);

  private static final Set<String> TASK_DEFINITION_REGISTRATION =
      Set.of("RegisterTaskDefinition", "DeregisterTaskDefinition", "DeleteTaskDefinitions");
  private static final Set<String> SERVICE_READS = Set.of("DescribeServices", "ListServices");
  private static final Set<String> TASK_DEFINITION_READS =
      Set.of("DescribeTaskDefinition", "ListTaskDefinitions", "ListTaskDefinitionFamilies");
  private static final Set<String> SERVICE_CHANGES =
      Set.of("CreateService", "UpdateService", "DeleteService");
  private static final Set<String> SERVICE_DEPLOYMENTS =
      Set.of(
          "DescribeServiceDeployments",
          "ListServiceDeployments",
          "DescribeServiceRevisions",
          "StopServiceDeployment",
          "ContinueServiceDeployment");

  private final LongSupplier nanoTime;
  private final Predicate<String> limitedCaller;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param limitedCaller which access keys are throttled; the others never are
   */
  AwsRateLimits(LongSupplier nanoTime, Predicate<String> limitedCaller) {
    this.nanoTime = nanoTime;
    this.limitedCaller = limitedCaller;
  }

  /**
   * Takes a token for the call, or says it is throttled.
   *
   * @param service the signing name ({@code ecs}, {@code codedeploy}); other services are not
   *     limited
   * @return false when AWS would answer the call {@code ThrottlingException}
   */
  boolean admit(String service, String operation, String caller) {
    String actionClass = actionClass(service, operation);
    if (actionClass == null || !limitedCaller.test(caller)) {
      return true;
    }
    Rate rate = rateOf(actionClass);
    return buckets
        .computeIfAbsent(caller + " " + actionClass, key -> new Bucket(rate, nanoTime.getAsLong()))
        .take(nanoTime.getAsLong());
  }

  /** The action class a call draws on, or null for a service that is not limited. */
  static String actionClass(String service, String operation) {
    return switch (service) {
      case "codedeploy" -> "codedeploy";
      case "ecs" -> {
        if (TASK_DEFINITION_REGISTRATION.contains(operation)) {
          yield "ecs task definition registration";
        } else if (SERVICE_READS.contains(operation)) {
          yield "ecs service reads";
        } else if (TASK_DEFINITION_READS.contains(operation)) {
          yield "ecs task definition reads";
        } else if (SERVICE_CHANGES.contains(operation)) {
          yield "ecs service changes";
        } else if (SERVICE_DEPLOYMENTS.contains(operation)) {
          yield "ecs service deployments";
        }
        yield "ecs other";
      }
      default -> null;
    };
  }

  private static Rate rateOf(String actionClass) {
    return switch (actionClass) {
      case "codedeploy" -> CODEDEPLOY;
      case "ecs task definition registration" -> ECS_TASK_DEFINITION_REGISTRATION;
      default -> ECS_ACTION_CLASS;
    };
  }

  /** A token bucket, full when made. */
  private static final class Bucket {
    private final Rate rate;
    private double tokens;
    private long refilledAt;

    Bucket(Rate rate, long now) {
      this.rate = rate;
      this.tokens = rate.bucket();
      this.refilledAt = now;
    }

    synchronized boolean take(long now) {
      double elapsedSeconds = (now - refilledAt) / (double) Duration.ofSeconds(1).toNanos();
      tokens =
          Math.min(rate.bucket(), tokens + Math.max(0, elapsedSeconds) * rate.refillPerSecond());
      refilledAt = now;
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }
}
