package dev.ecsbluegreen.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LaneSplitTest {
  @Test
  void preparingCallsAreSureOfAQuarterRoundedUpAndCallsInFlightOfTheRest() {
    assertThat(LaneSplit.of(10)).isEqualTo(new LaneSplit(7, 3, Duration.ofSeconds(1)));
    assertThat(LaneSplit.of(20)).isEqualTo(new LaneSplit(15, 5, Duration.ofSeconds(1)));
    assertThat(LaneSplit.of(2)).isEqualTo(new LaneSplit(1, 1, Duration.ofSeconds(1)));
  }

  @Test
  void oneCallASecondGivesEachLaneOneEveryOtherSecond() {
    assertThat(LaneSplit.of(1)).isEqualTo(new LaneSplit(1, 1, Duration.ofSeconds(2)));
  }

  @Test
  void aBudgetBelowOneIsRefused() {
    assertThatThrownBy(() -> LaneSplit.of(0)).hasMessage("callsPerSecond must be positive, was 0");
  }
}
