package dev.ecsbluegreen.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.fixtures.Kubectl;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;
import java.util.List;

/**
 * {@link BakingGateIT}'s scenarios on a real kube-apiserver, where the wide listing is the API
 * server's own table, read through kubectl.
 */
@OnRealApiServer
class BakingGateE2E extends BakingGateIT {
  @Override
  protected KubernetesUnderTest kubernetes() {
    return KubernetesUnderTest.realServer("baking");
  }

  @Override
  protected void assertListedWide(String name, String analysis) {
    String namespace = harness.get(name).getMetadata().getNamespace();
    var wide = Kubectl.forRealServer().run("get", "releases", name, "-n", namespace, "-o", "wide");

    assertThat(wide.exitCode()).as(wide.output()).isZero();
    var lines = wide.stdout().lines().toList();
    List<String> header = List.of(lines.get(0).trim().split("\\s{2,}"));
    List<String> row = List.of(lines.get(1).trim().split("\\s{2,}"));
    assertThat(header).contains("ANALYSIS");
    assertThat(row.get(header.indexOf("ANALYSIS"))).isEqualTo(analysis);
  }
}
