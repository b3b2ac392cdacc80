package dev.ecsbluegreen.operator.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Helm installs the same CRD that crds/ holds (and that CrdDriftTest ties to the API types). */
class ChartCrdTest {
  static final String CRD_FILE = "ecsbluegreenreleases.ecs.bluegreen.dev-v1.yml";

  @Test
  void chartCrdIsAnExactCopyOfTheCheckedInCrd() throws IOException {
    var checkedIn = Files.readString(Path.of("..", "crds", CRD_FILE));
    var inChart = Files.readString(Chart.DIRECTORY.resolve("crds").resolve(CRD_FILE));

    assertThat(inChart)
        .as("helm/ecs-bluegreen-operator/crds/%s differs; copy it from crds/", CRD_FILE)
        .isEqualTo(checkedIn);
  }

  @Test
  void chartHoldsNoOtherCrd() throws IOException {
    try (var files = Files.list(Chart.DIRECTORY.resolve("crds"))) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly(CRD_FILE);
    }
  }
}
