package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseSpec;
import dev.ecsbluegreen.operator.api.v1alpha1.InlineTaskDefinition.ContainerDefinition;
import dev.ecsbluegreen.operator.api.v1alpha1.TaskDefinitionTemplate.ContainerChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds a container name given twice in the task definition of a spec. The CRD refuses such a spec,
 * but an API server without admission (or one whose merge patch appended to a list) lets it
 * through, and then there is no telling which of the two the user meant: acting on either would
 * deploy something nobody asked for, or report "nothing changed" when something did.
 */
final class DuplicateContainerNames {
  private DuplicateContainerNames() {}

  /** The problem in the API server's field-path words, or empty when every name is unique. */
  static Optional<String> in(EcsBlueGreenReleaseSpec spec) {
    var taskDefinition = spec.taskDefinition();
    if (taskDefinition == null) {
      return Optional.empty();
    }
    if (taskDefinition.template() != null) {
      return duplicate(
          "spec.taskDefinition.template.containers",
          taskDefinition.template().containers(),
          ContainerChange::name);
    }
    if (taskDefinition.inline() != null) {
      return duplicate(
          "spec.taskDefinition.inline.containerDefinitions",
          taskDefinition.inline().containerDefinitions(),
          ContainerDefinition::name);
    }
    return Optional.empty();
  }

  private static <T> Optional<String> duplicate(
      String field, List<T> containers, Function<T, String> name) {
    if (containers == null) {
      return Optional.empty();
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    containers.forEach(c -> counts.merge(name.apply(c), 1, Integer::sum));
    return counts.entrySet().stream()
        .filter(e -> e.getValue() > 1)
        .findFirst()
        .map(
            e ->
                "%s: container name %s appears %s; give each container once"
                    .formatted(field, e.getKey(), times(e.getValue())));
  }

  private static String times(int count) {
    return count == 2 ? "twice" : count + " times";
  }
}
