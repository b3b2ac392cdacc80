package dev.ecsbluegreen.operator.embedded;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoSummaryTest {

  @Test
  void countsFailuresOfSameNamedReleasesInEachNamespace() {
    var releases = List.of(succeeded("payments"), succeeded("orders"));
    var load =
        Map.of(
            "payments/api", new LoadFigures(100, 0, 50),
            "orders/api", new LoadFigures(100, 3, 50));
    var out = new ByteArrayOutputStream();

    var verdict =
        DemoSummary.print(new PrintStream(out, true, StandardCharsets.UTF_8), releases, load);

    assertThat(verdict).isFalse();
    assertThat(out.toString(StandardCharsets.UTF_8).lines())
        .anySatisfy(line -> assertThat(line).startsWith("orders/api").endsWith("UNEXPECTED"))
        .anySatisfy(line -> assertThat(line).startsWith("payments/api").endsWith("ok"));
  }

  @Test
  void passesWhenEveryReleaseSucceededWithoutFailures() {
    var releases = List.of(succeeded("payments"), succeeded("orders"));
    var load =
        Map.of(
            "payments/api", new LoadFigures(100, 0, 50),
            "orders/api", new LoadFigures(100, 0, 50));

    var verdict =
        DemoSummary.print(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            releases,
            load);

    assertThat(verdict).isTrue();
  }

  private static EcsBlueGreenRelease succeeded(String namespace) {
    var release = release("api").namespace(namespace).build();
    release.getMetadata().setGeneration(1L);
    release.setStatus(
        new EcsBlueGreenReleaseStatus(
            1L,
            Phase.Succeeded,
            null,
            null,
            1L,
            0,
            null,
            "d-1",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null));
    return release;
  }
}
