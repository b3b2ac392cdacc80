package dev.ecsbluegreen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsbluegreen.simulator.world.ScaledClock;
import dev.ecsbluegreen.simulator.world.SimClock;
import dev.ecsbluegreen.simulator.world.World;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScaledTimeTest {

  @Test
  void timeScaleIsSimulatedSecondsPerWallSecond() {
    assertThat(ScaledClock.minuteLasts(100).speed()).isEqualTo(600.0);
    assertThat(ScaledClock.ofSpeed(60).speed()).isEqualTo(60.0);
    assertThat(ScaledClock.ofSpeed(60).tickEvery()).contains(Duration.ofMillis(16));
  }

  @Test
  void javaClockViewReadsSimulatedTime() {
    var clock = new dev.ecsbluegreen.simulator.world.ManualClock();
    var javaClock = clock.asJavaClock();

    clock.advance(Duration.ofMinutes(15));

    assertThat(javaClock.instant()).isEqualTo(Instant.parse("2025-01-01T00:15:00Z"));
  }

  /**
   * A clock that a test sets, but that (like a scaled clock) asks for a background ticker and does
   * not notify the world when it moves. Each read of the new time is counted, so the test can wait
   * for the ticker itself instead of for wall time.
   */
  static final class TickedClock implements SimClock {
    private volatile Instant now = Instant.parse("2025-01-01T00:00:00Z");
    private volatile Instant watched;
    private final Semaphore readsOfWatched = new Semaphore(0);

    void jumpTo(Instant at) {
      watched = at;
      now = at;
    }

    /** Returns once two ticks read the new time: the first of them has then fully run. */
    boolean awaitTicks() throws InterruptedException {
      return readsOfWatched.tryAcquire(2, 10, TimeUnit.SECONDS);
    }

    @Override
    public Instant now() {
      Instant current = now;
      if (current.equals(watched)) {
        readsOfWatched.release();
      }
      return current;
    }

    @Override
    public void onAdvance(Runnable listener) {}

    @Override
    public Optional<Duration> tickEvery() {
      return Optional.of(Duration.ofMillis(1));
    }
  }

  @Test
  void backgroundTickerMovesDeploymentsAndTrafficWithoutApiCalls() throws Exception {
    var clock = new TickedClock();
    try (var f = new SimulatorFixture(SimulatorFixture.standardWorld(), clock)) {
      f.createApplicationAndGroup(new SimulatorFixture.GroupOptions());
      String green = f.registerWebRevision(Map.of());
      f.deployRevision(green, Map.of());
      int callsBefore = f.sim.calls().size();

      clock.jumpTo(clock.now().plus(Duration.ofMinutes(10)));
      assertThat(clock.awaitTicks()).isTrue();

      var response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(f.sim.listenerUri("web-lb", World.ListenerKind.PRODUCTION))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(new ObjectMapper().readTree(response.body()).path("taskDefinition").asText())
          .isEqualTo(green);
      assertThat(f.sim.calls()).hasSize(callsBefore);
    }
  }

  @Test
  void backgroundTickerMovesEcsServiceDeploymentsAndTrafficWithoutApiCalls() throws Exception {
    var clock = new TickedClock();
    try (var f = new EcsNativeFixture(EcsNativeFixture.world().build(), clock)) {
      String arn =
          f.deploy(
              c ->
                  c.strategy(
                          software.amazon.awssdk.services.ecs.model.DeploymentStrategy.BLUE_GREEN)
                      .bakeTimeInMinutes(5));
      int callsBefore = f.sim.calls().size();

      clock.jumpTo(clock.now().plus(Duration.ofMinutes(2)));
      assertThat(clock.awaitTicks()).isTrue();

      assertThat(f.answersFromRevision2(World.ListenerKind.PRODUCTION, 10)).isEqualTo(10);
      assertThat(f.sim.calls()).hasSize(callsBefore);
      assertThat(f.deployment(arn).lifecycleStageAsString()).isEqualTo("BAKE_TIME");
    }
  }
}
