package dev.ecsbluegreen.operator.reconciler.ecs;

import dev.ecsbluegreen.operator.aws.ServiceDeploymentSnapshot;
import dev.ecsbluegreen.operator.aws.ServiceDeploymentSnapshot.Hook;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * When ECS will next move a service deployment on its own, from what DescribeServiceDeployments
 * reports: the strategy and waits of its deployment configuration (what ECS runs, ECS's defaults
 * filled in, rather than the spec, which may have changed since) and the time ECS last changed the
 * deployment, which is when the wait it is in began. The next LINEAR step or the CANARY rest is due
 * a step bake after the last step; the bake ends {@code bakeTimeInMinutes} after BAKE_TIME began;
 * CLEAN_UP ends right after it began, so it is due at once. The instant may already have passed:
 * the transition is then due and about to show. Empty while a hook runs or waits for a promotion
 * (they end when they end), before production traffic moves, and for a deployment that does not
 * run. Pure.
 */
final class ServiceDeploymentDue {
  private static final Set<String> STEPPED = Set.of("LINEAR", "CANARY");

  private ServiceDeploymentDue() {}

  static Optional<Instant> next(ServiceDeploymentSnapshot deployment) {
    var strategy = deployment.strategy();
    Instant since = deployment.updateTime();
    if (!"IN_PROGRESS".equals(deployment.status())
        || strategy == null
        || since == null
        || deployment.hooks().stream().anyMatch(ServiceDeploymentDue::open)) {
      return Optional.empty();
    }
    String stage = deployment.lifecycleStage() == null ? "" : deployment.lifecycleStage();
    return switch (stage) {
      case "PRODUCTION_TRAFFIC_SHIFT" -> nextStep(strategy, deployment.productionWeight(), since);
      case "BAKE_TIME" -> after(since, strategy.bakeTimeMinutes());
      case "CLEAN_UP" -> Optional.of(since);
      default -> Optional.empty();
    };
  }

  /**
   * A step bake after the last step, while some production traffic moved and some is left. Before
   * the first step, ECS moves traffic as soon as its listener is updated (or its hooks ran); after
   * the last, the hooks of the stage run.
   */
  private static Optional<Instant> nextStep(
      ServiceDeploymentSnapshot.Strategy strategy, double green, Instant lastStep) {
    if (!STEPPED.contains(strategy.name()) || green <= 0 || green >= 100) {
      return Optional.empty();
    }
    return after(lastStep, strategy.stepBakeMinutes());
  }

  private static Optional<Instant> after(Instant start, Integer minutes) {
    return minutes == null
        ? Optional.empty()
        : Optional.of(start.plus(Duration.ofMinutes(minutes)));
  }

  /** A hook the deployment waits on: invoked and not answered, or a PAUSE held for a promote. */
  private static boolean open(Hook hook) {
    return "IN_PROGRESS".equals(hook.status()) || "AWAITING_ACTION".equals(hook.status());
  }
}
