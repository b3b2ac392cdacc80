package dev.ecsbluegreen.simulator.world;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrafficRoutingTest {

  @Test
  void allAtOnceMovesEverythingInOneStep() {
    assertThat(TrafficRouting.ALL_AT_ONCE.greenWeights()).containsExactly(100.0);
  }

  @Test
  void canaryMovesItsShareThenTheRest() {
    assertThat(TrafficRouting.canary(10, 5).greenWeights()).containsExactly(10.0, 100.0);
  }

  @Test
  void linearStepsEndAtExactlyAllTraffic() {
    assertThat(TrafficRouting.linear(10, 1).greenWeights()).hasSize(10).endsWith(90.0, 100.0);
    assertThat(TrafficRouting.linear(30, 2).greenWeights())
        .containsExactly(30.0, 60.0, 90.0, 100.0);
  }
}
