package dev.ecsbluegreen.operator.cli;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.simulator.world.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The embedded mode's operator reads the simulator's clock: every time on a status (the operator's
 * own and those AWS reports) is simulated time, so none lies in the future of another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedClockIT {
  OperatorHarness harness;
  AutoCloseable operator;

  @BeforeAll
  void start() {
    harness = new OperatorHarness("clockok", "clockfail");
    // The operator as the embedded command wires it, in place of the harness's own.
    harness.stopOperator();
    operator =
        EmbeddedCommand.launcher(600)
            .start(harness.client, harness.sim.endpoint(), harness.clock.asJavaClock());
  }

  @AfterAll
  void stop() throws Exception {
    operator.close();
    harness.startOperator();
    harness.close();
  }

  @Test
  void everyTimeOnASucceededReleaseIsSimulatedTime() {
    harness.createGroup("clockok", 0);
    harness.apply(release("clockok").image("example/web:2").build());

    var status = harness.awaitPhase("clockok", Phase.Succeeded);

    assertAllSimulated(status);
  }

  @Test
  void everyTimeOnARolledBackReleaseIsSimulatedTime() {
    harness.createGroup("clockfail", 0);
    harness.apply(
        release("clockfail").hook("afterAllowTestTraffic", "CodeDeployHook_fail").build());

    var status = harness.awaitPhase("clockfail", Phase.RolledBack);

    assertAllSimulated(status);
  }

  /** Between the simulated start and now: wall-clock times are years away from either. */
  private void assertAllSimulated(EcsBlueGreenReleaseStatus status) {
    var times = timestamps(status);
    assertThat(times).hasSizeGreaterThan(10);
    var now = harness.clock.now();
    assertThat(times)
        .allSatisfy(t -> assertThat(Instant.parse(t)).isBetween(ManualClock.DEFAULT_START, now));
  }

  private static List<String> timestamps(EcsBlueGreenReleaseStatus status) {
    var times = new ArrayList<String>();
    Stream.of(status.requestedAt(), status.startedAt(), status.completedAt()).forEach(times::add);
    status
        .lifecycleEvents()
        .forEach(e -> Stream.of(e.startedAt(), e.endedAt()).forEach(times::add));
    status.conditions().forEach(c -> times.add(c.getLastTransitionTime()));
    status.history().forEach(h -> times.add(h.completedAt()));
    times.removeIf(t -> t == null);
    return times;
  }
}
