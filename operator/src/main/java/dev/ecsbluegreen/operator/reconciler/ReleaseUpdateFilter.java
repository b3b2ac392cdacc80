package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which updates of a release wake the reconciler: a new generation, deletion or finalizer changes
 * (what generation-aware processing would pass), and changes of the action annotations, which do
 * not bump the generation. Status-only updates, mostly our own writes, do not: the reschedule is
 * the heartbeat while a deployment runs.
 */
public final class ReleaseUpdateFilter implements OnUpdateFilter<EcsBlueGreenRelease> {

  @Override
  public boolean accept(EcsBlueGreenRelease updated, EcsBlueGreenRelease previous) {
    var a = updated.getMetadata();
    var b = previous.getMetadata();
    return !Objects.equals(a.getGeneration(), b.getGeneration())
        || !Objects.equals(a.getDeletionTimestamp(), b.getDeletionTimestamp())
        || !Objects.equals(a.getFinalizers(), b.getFinalizers())
        || !actions(a.getAnnotations()).equals(actions(b.getAnnotations()));
  }

  private static Map<String, String> actions(Map<String, String> annotations) {
    var actions = new TreeMap<String, String>();
    if (annotations != null) {
      Actions.ALL.stream()
          .filter(annotations::containsKey)
          .forEach(key -> actions.put(key, annotations.get(key)));
    }
    return actions;
  }
}
