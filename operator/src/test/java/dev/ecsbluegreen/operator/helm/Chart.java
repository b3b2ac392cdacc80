package dev.ecsbluegreen.operator.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The chart as users install it: linted and rendered by the Helm that helm-java bundles. */
final class Chart {
  static final Path DIRECTORY = Path.of("..", "helm", "ecs-bluegreen-operator");
  static final String RELEASE = "ebg";
  static final String NAMESPACE = "ecs-bluegreen-system";
  static final String FULLNAME = "ebg-ecs-bluegreen-operator";

  private Chart() {}

  static LintResult lint() {
    return new Helm(DIRECTORY).lint().strict().call();
  }

  /** Renders with the chart's own values.yaml, as a plain {@code helm install} would. */
  static RenderedChart renderDefaults() {
    return render(Map.of());
  }

  /** Renders with the chart's defaults overridden by a values file under test resources. */
  static RenderedChart render(Path valuesFile) {
    return RenderedChart.parse(
        new Helm(DIRECTORY)
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withValuesFile(valuesFile)
            .call());
  }

  /** Renders with --set style overrides, as {@code helm template --set key=value} would. */
  static RenderedChart render(Map<String, Object> sets) {
    var template = new Helm(DIRECTORY).template().withName(RELEASE).withNamespace(NAMESPACE);
    for (var set : sets.entrySet()) {
      template = template.set(set.getKey(), set.getValue());
    }
    return RenderedChart.parse(template.call());
  }

  /**
   * Renders as {@code helm template <release> -n <namespace> [-f valuesFile] --set ...} would, for
   * installing the chart's objects next to other installs on one API server.
   */
  static RenderedChart render(
      String release, String namespace, Path valuesFile, Map<String, Object> sets) {
    var template = new Helm(DIRECTORY).template().withName(release).withNamespace(namespace);
    if (valuesFile != null) {
      template = template.withValuesFile(valuesFile);
    }
    for (var set : sets.entrySet()) {
      template = template.set(set.getKey(), set.getValue());
    }
    return RenderedChart.parse(template.call());
  }

  static Path testValues(String name) {
    return Path.of("src", "test", "resources", "helm", name);
  }

  /** Splits Helm's multi-document output and reads each document as a Kubernetes object. */
  static List<HasMetadata> parseDocuments(String yaml) {
    var objects = new ArrayList<HasMetadata>();
    for (String document : yaml.split("(?m)^---\\s*$")) {
      if (document.lines().anyMatch(line -> line.startsWith("kind:"))) {
        objects.add(Serialization.unmarshal(document));
      }
    }
    return objects;
  }
}
