package dev.ecsbluegreen.operator.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** Prometheus finds /metrics through the Service, and through a ServiceMonitor when asked. */
class ChartMetricsTest {

  @Test
  void metricsServiceExposesTheOperatorsHttpPort() {
    var chart = Chart.renderDefaults();
    var service = chart.only(Service.class);

    assertThat(service.getSpec().getPorts())
        .singleElement()
        .satisfies(
            port -> {
              assertThat(port.getName()).isEqualTo("http");
              assertThat(port.getPort()).isEqualTo(8080);
            });
    assertThat(service.getSpec().getSelector())
        .isEqualTo(chart.deployment().getSpec().getSelector().getMatchLabels());
  }

  @Test
  void serviceMonitorIsRenderedOnlyWhenEnabled() {
    assertThat(Chart.renderDefaults().ofKind("ServiceMonitor")).isEmpty();

    var chart = Chart.render(Chart.testValues("namespaced-values.yaml"));
    var monitor = (GenericKubernetesResource) chart.ofKind("ServiceMonitor").get(0);

    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
    assertThat((List<?>) monitor.get("spec", "endpoints"))
        .singleElement()
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("port", "http")
        .containsEntry("path", "/metrics");
    assertThat((Map<?, ?>) monitor.get("spec", "selector", "matchLabels"))
        .isEqualTo(chart.deployment().getSpec().getSelector().getMatchLabels());
  }
}
