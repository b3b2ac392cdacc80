package dev.ecsbluegreen.operator.embedded;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.simulator.world.World;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Tells the person at the manual gate, once per deployment, that a release waits for them: the
 * command that promotes it, and how long CodeDeploy holds the gate before it stops the deployment.
 * Used when the demo leaves the releases to the user's own operator, so it promotes nothing itself.
 */
final class GateHint {
  private final Consumer<String> say;
  private final World world;
  private final double minuteMillis;
  private final Set<String> told = new HashSet<>();

  GateHint(Consumer<String> say, World world, double minuteMillis) {
    this.say = say;
    this.world = world;
    this.minuteMillis = minuteMillis;
  }

  void observe(List<EcsBlueGreenRelease> releases) {
    for (var release : releases) {
      var status = release.getStatus();
      if (status == null || status.phase() != Phase.AwaitingPromotion) {
        continue;
      }
      if (told.add(ProgressNarrator.key(release) + "#" + status.deploymentId())) {
        say.accept(hint(release));
      }
    }
  }

  private String hint(EcsBlueGreenRelease release) {
    var name = release.getMetadata().getName();
    var namespace = release.getMetadata().getNamespace();
    var promote = ActionCommand.annotate(name, namespace, DemoPromoter.PROMOTE);
    var key = ProgressNarrator.key(release);
    var wait = readyWaitMinutes(release);
    if (wait.isEmpty()) {
      return key + " waits at its gate. To promote: " + promote;
    }
    return ("%s waits at its gate for up to %.0f s (the group's ready wait of %d simulated minutes),"
            + " then CodeDeploy stops it. To promote: %s")
        .formatted(key, wait.get() * minuteMillis / 1000, wait.get(), promote);
  }

  /**
   * The wait of a deployment group the world declares; groups the operator manages are not in it.
   */
  private Optional<Integer> readyWaitMinutes(EcsBlueGreenRelease release) {
    var codeDeploy = release.getSpec().codeDeploy();
    if (codeDeploy == null) {
      // An ECS native release pauses at its PAUSE hook, which waits without a ready wait.
      return Optional.empty();
    }
    return world.applications().stream()
        .filter(application -> application.name().equals(codeDeploy.application()))
        .flatMap(application -> application.deploymentGroups().stream())
        .filter(group -> group.name().equals(codeDeploy.deploymentGroup()))
        .map(World.DeploymentGroupSpec::readyWaitMinutes)
        .filter(minutes -> minutes != null)
        .findFirst();
  }
}
