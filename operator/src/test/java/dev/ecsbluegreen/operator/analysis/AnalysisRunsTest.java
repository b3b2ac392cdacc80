package dev.ecsbluegreen.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.HttpCheck;
import dev.ecsbluegreen.operator.fixtures.Releases;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AnalysisRunsTest {
  private static final EcsBlueGreenRelease WEB = Releases.release("web").build();
  private static final ResourceID RELEASE = ResourceID.fromResource(WEB);

  @Test
  void aProviderThatThrowsGivesAnInconclusiveRunAndTellsTheRelease() {
    var told = new CopyOnWriteArrayList<ResourceID>();
    try (var runs =
        new AnalysisRuns(
            Clock.systemUTC(),
            check -> {
              throw new IllegalArgumentException("bad URL");
            },
            CheckTargets.AS_WRITTEN)) {
      runs.onFinished(told::add);
      runs.start(RELEASE, check(), subject("d-1"));

      await().atMost(Duration.ofSeconds(5)).until(() -> !told.isEmpty());
      var taken = runs.take(RELEASE, "d-1", Set.of("smoke"));

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
            check -> (c, s) -> new Measurement(Measurement.Result.PASS, "ok", "ok"),
            CheckTargets.AS_WRITTEN)) {
      runs.onFinished(told::add);
      runs.start(RELEASE, check(), subject("d-old"));
      await().atMost(Duration.ofSeconds(5)).until(() -> !told.isEmpty());

      assertThat(runs.take(RELEASE, "d-new", Set.of("smoke"))).isEmpty();
      assertThat(runs.pending(RELEASE, "d-old", "smoke")).isFalse();
    }
  }

  @Test
  void runsOfOtherChecksStayForWhoCountsThem() {
    var told = new CopyOnWriteArrayList<ResourceID>();
    try (var runs =
        new AnalysisRuns(
            Clock.systemUTC(),
            check -> (c, s) -> new Measurement(Measurement.Result.PASS, "ok", "ok"),
            CheckTargets.AS_WRITTEN)) {
      runs.onFinished(told::add);
      runs.start(RELEASE, check(), subject("d-1"));
      await().atMost(Duration.ofSeconds(5)).until(() -> !told.isEmpty());

      assertThat(runs.take(RELEASE, "d-1", Set.of("error-ratio"))).isEmpty();
      assertThat(runs.pending(RELEASE, "d-1", "smoke")).isTrue();
      assertThat(runs.take(RELEASE, "d-1", Set.of("smoke"))).hasSize(1);
    }
  }

  @Test
  void aTargetThatCannotBeResolvedIsAnInconclusiveRunNamingWhy() {
    var measured = new CopyOnWriteArrayList<AnalysisCheck>();
    var told = new CopyOnWriteArrayList<ResourceID>();
    try (var runs =
        new AnalysisRuns(
            Clock.systemUTC(),
            check ->
                (c, release) -> {
                  measured.add(c);
                  return new Measurement(Measurement.Result.PASS, "ok", "ok");
                },
            (release, deploymentId, check) -> {
              throw new UnresolvedTargetException(
                  "the Test listener could not be resolved: no test traffic route");
            })) {
      runs.onFinished(told::add);
      runs.start(RELEASE, check(), subject("d-1"));
      await().atMost(Duration.ofSeconds(5)).until(() -> !told.isEmpty());

      assertThat(runs.take(RELEASE, "d-1", Set.of("smoke")))
          .singleElement()
          .satisfies(
              run -> {
                assertThat(run.measurement().result()).isEqualTo(Measurement.Result.INCONCLUSIVE);
                assertThat(run.measurement().message())
                    .isEqualTo("the Test listener could not be resolved: no test traffic route");
              });
      assertThat(measured).as("no provider ran without a target").isEmpty();
    }
  }

  @Test
  void theProviderMeasuresTheResolvedCheck() {
    var measured = new CopyOnWriteArrayList<AnalysisCheck>();
    var told = new CopyOnWriteArrayList<ResourceID>();
    try (var runs =
        new AnalysisRuns(
            Clock.systemUTC(),
            check ->
                (c, release) -> {
                  measured.add(c);
                  return new Measurement(Measurement.Result.PASS, "ok", "ok");
                },
            (release, deploymentId, check) ->
                check.withHttp(check.http().toUrl("http://green.example:8080/" + deploymentId)))) {
      runs.onFinished(told::add);
      runs.start(RELEASE, check(), subject("d-7"));
      await().atMost(Duration.ofSeconds(5)).until(() -> !told.isEmpty());

      assertThat(measured)
          .singleElement()
          .satisfies(c -> assertThat(c.http().url()).isEqualTo("http://green.example:8080/d-7"));
    }
  }

  static Subject subject(String deploymentId) {
    return new Subject(WEB, deploymentId, null, Instant.EPOCH);
  }

  static AnalysisCheck check() {
    return new AnalysisCheck(
        "smoke",
        null,
        30,
        3,
        1,
        null,
        null,
        new HttpCheck("http://127.0.0.1:1/", List.of(200), 1, 1.0, null, null),
        null,
        null);
  }
}
