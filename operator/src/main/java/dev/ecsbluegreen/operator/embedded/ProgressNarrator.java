package dev.ecsbluegreen.operator.embedded;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.LifecycleEventStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns successive reads of the releases into the lines a person wants to see: each lifecycle event
 * as it starts and ends, each phase change with the operator's message.
 */
final class ProgressNarrator {
  private final Consumer<String> say;
  private final boolean narratePhases;
  private final Map<String, String> phases = new HashMap<>();
  private final Map<String, String> events = new HashMap<>();

  /**
   * @param narratePhases say phase changes too; not needed when every change of a release's row is
   *     printed anyway (plain output)
   */
  ProgressNarrator(Consumer<String> say, boolean narratePhases) {
    this.say = say;
    this.narratePhases = narratePhases;
  }

  void observe(List<EcsBlueGreenRelease> releases) {
    releases.forEach(this::observe);
  }

  private void observe(EcsBlueGreenRelease release) {
    var status = release.getStatus();
    if (status == null) {
      return;
    }
    var key = key(release);
    var lifecycle =
        status.lifecycleEvents() == null
            ? List.<LifecycleEventStatus>of()
            : status.lifecycleEvents();
    for (var event : lifecycle) {
      var eventKey = key + "#" + status.deploymentId() + "#" + event.name();
      if (!event.status().equals(events.put(eventKey, event.status()))) {
        say.accept(key + "  lifecycle event " + event.name() + ": " + event.status());
      }
    }
    var phase = status.phase() == null ? "" : status.phase().name();
    if (narratePhases && !phase.isEmpty() && !phase.equals(phases.put(key, phase))) {
      say.accept(
          key
              + "  phase "
              + phase
              + (status.message() == null || status.message().isEmpty()
                  ? ""
                  : ": " + status.message()));
    }
  }

  static String key(EcsBlueGreenRelease release) {
    return release.getMetadata().getNamespace() + "/" + release.getMetadata().getName();
  }
}
