package dev.ecsbluegreen.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How long a shared read's leader waits, at instants around a tick of the grid. */
class GatherTest {
  static final Instant TICK = Instant.parse("2025-01-01T00:00:07Z");
  static final Gather ON_SECONDS = Gather.onGrid(Duration.ofSeconds(1));

  static Instant at(long millisAfterTick) {
    return TICK.plusMillis(millisAfterTick);
  }

  @Test
  void aPassOnTheTickWaitsForTheTicksSpreadSoItsPassesShareTheRead() {
    assertThat(ON_SECONDS.firstAskerUntil(at(0))).isEqualTo(at(250));
    assertThat(ON_SECONDS.firstAskerUntil(at(90))).isEqualTo(at(250));
  }

  @Test
  void aPassLateInTheSpreadStillWaitsItsLeastWait() {
    assertThat(ON_SECONDS.firstAskerUntil(at(240))).isEqualTo(at(260));
  }

  @Test
  void aPassOffTheTickWaitsOnlyItsLeastWait() {
    assertThat(ON_SECONDS.firstAskerUntil(at(250))).isEqualTo(at(270));
    assertThat(ON_SECONDS.firstAskerUntil(at(700))).isEqualTo(at(720));
  }

  @Test
  void aFineGridKeepsAQuarterTickSpreadSoAFastPollIsNotSlowed() {
    var fine = Gather.onGrid(Duration.ofMillis(100));

    assertThat(fine.tickSpread()).isEqualTo(Duration.ofMillis(25));
    assertThat(fine.firstAskerUntil(at(1))).isEqualTo(at(25));
    assertThat(fine.firstAskerUntil(at(30))).isEqualTo(at(50));
  }

  @Test
  void offTheGridEveryPassWaitsItsLeastWait() {
    var offGrid = Gather.offGrid(Duration.ofMillis(50));

    assertThat(offGrid.firstAskerUntil(at(0))).isEqualTo(at(50));
  }

  @Test
  void aSpreadAsLongAsTheTickIsRefusedNamingIt() {
    assertThatThrownBy(
            () ->
                new Gather(
                    Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tickSpread must be shorter than tick");
  }
}
