package dev.ecsbluegreen.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.HttpCheck;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AnalysisRunsTest {
  private static final ResourceID RELEASE = new ResourceID("web", "default");

  @Test
  void aProviderThatThrowsGivesAnInconclusiveRunAndTellsTheRelease() {
    var told = new CopyOnWriteArrayList<ResourceID>();
    try (var runs =
        new AnalysisRuns(
            Clock.systemUTC(),
            check -> {
              throw new IllegalArgumentException("bad URL");
            })) {
      runs.onFinished(told::add);
      runs.start(RELEASE, "d-1", check());

      await().atMost(Duration.ofSeconds(5)).until(() -> !told.isEmpty());
      var taken = runs.take(RELEASE, "d-1");

      assertThat(told).containsExactly(RELEASE);
      assertThat(taken)
          .singleElement()
          .satisfies(
              run -> {
                assertThat(run.check()).isEqualTo("smoke");
                assertThat(run.measurement().result()).isEqualTo(Measurement.Result.INCONCLUSIVE);
                assertThat(run.measurement().message()).contains("bad URL");
              });
      assertThat(runs.pending(RELEASE, "d-1", "smoke")).isFalse();
    }
  }

  @Test
  void runsOfAnEarlierDeploymentAreDroppedNotCounted() {
    var told = new CopyOnWriteArrayList<ResourceID>();
    try (var runs =
        new AnalysisRuns(
            Clock.systemUTC(),
            check -> (c, release) -> new Measurement(Measurement.Result.PASS, "ok", "ok"))) {
      runs.onFinished(told::add);
      runs.start(RELEASE, "d-old", check());
      await().atMost(Duration.ofSeconds(5)).until(() -> !told.isEmpty());

      assertThat(runs.take(RELEASE, "d-new")).isEmpty();
      assertThat(runs.pending(RELEASE, "d-old", "smoke")).isFalse();
    }
  }

  static AnalysisCheck check() {
    return new AnalysisCheck(
        "smoke",
        null,
        30,
        3,
        1,
        null,
        new HttpCheck("http://127.0.0.1:1/", List.of(200), 1, 1.0, null, null),
        null);
  }
}
