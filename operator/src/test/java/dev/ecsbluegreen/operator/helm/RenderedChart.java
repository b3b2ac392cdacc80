package dev.ecsbluegreen.operator.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The objects one {@code helm template} produced, with lookups the chart tests share. */
record RenderedChart(List<HasMetadata> objects) {

  static RenderedChart parse(String yaml) {
    return new RenderedChart(Chart.parseDocuments(yaml));
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  List<HasMetadata> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.getKind())).toList();
  }

  <T extends HasMetadata> T only(Class<T> type) {
    var found = all(type);
    assertThat(found).as("rendered %s objects", type.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  Deployment deployment() {
    return only(Deployment.class);
  }

  Container operatorContainer() {
    var containers = deployment().getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).extracting(Container::getName).containsExactly("operator");
    return containers.get(0);
  }

  /** The operator container's environment; values only (none of the chart's come from refs). */
  Map<String, String> env() {
    return operatorContainer().getEnv().stream()
        .collect(Collectors.toMap(EnvVar::getName, e -> String.valueOf(e.getValue())));
  }

  Optional<String> env(String name) {
    return Optional.ofNullable(env().get(name));
  }
}
