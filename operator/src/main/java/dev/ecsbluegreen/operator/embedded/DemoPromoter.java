package dev.ecsbluegreen.operator.embedded;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Plays the person at the manual gate: a release waiting in AwaitingPromotion is shown waiting for
 * a moment, then promoted with the same annotation `kubectl annotate` would set, once per
 * deployment.
 */
final class DemoPromoter {
  static final String PROMOTE = "ecs.bluegreen.dev/promote";

  private final KubernetesClient client;
  private final Consumer<String> say;
  private final Duration pause;
  private final Map<String, Instant> waitingSince = new HashMap<>();

  DemoPromoter(KubernetesClient client, Consumer<String> say, Duration pause) {
    this.client = client;
    this.say = say;
    this.pause = pause;
  }

  void promoteWaiting(List<EcsBlueGreenRelease> releases) {
    for (var release : releases) {
      var status = release.getStatus();
      if (status == null || status.phase() != Phase.AwaitingPromotion) {
        continue;
      }
      var gate = ProgressNarrator.key(release) + "#" + status.deploymentId();
      var since = waitingSince.computeIfAbsent(gate, g -> Instant.now());
      if (since != Instant.MAX && Instant.now().isAfter(since.plus(pause))) {
        promote(release);
        waitingSince.put(gate, Instant.MAX);
      }
    }
  }

  private void promote(EcsBlueGreenRelease release) {
    var name = release.getMetadata().getName();
    var namespace = release.getMetadata().getNamespace();
    say.accept(
        "$ kubectl annotate release %s -n %s %s=true   # the gate: let production traffic move"
            .formatted(name, namespace, PROMOTE));
    client
        .resources(EcsBlueGreenRelease.class)
        .inNamespace(namespace)
        .withName(name)
        .edit(
            current -> {
              current.getMetadata().getAnnotations().put(PROMOTE, "true");
              return current;
            });
  }
}
