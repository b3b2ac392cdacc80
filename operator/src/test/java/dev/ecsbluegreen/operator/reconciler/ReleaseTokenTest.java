package dev.ecsbluegreen.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReleaseTokenTest {

  @Test
  void isDeterministicAndShort() {
    assertThat(ReleaseToken.of("uid-1", 3, 0))
        .isEqualTo(ReleaseToken.of("uid-1", 3, 0))
        .hasSize(12)
        .matches("[0-9a-f]+");
  }

  /**
   * Tokens are compared with the ones recorded in status: a different hash after an upgrade would
   * make every settled release deploy again.
   */
  @Test
  void staysTheTokenEarlierVersionsRecorded() {
    assertThat(ReleaseToken.of("uid-1", 3, 0)).isEqualTo("889e867d2a11");
  }

  @Test
  void differsPerUidGenerationAndRetry() {
    var base = ReleaseToken.of("uid-1", 3, 0);

    assertThat(ReleaseToken.of("uid-2", 3, 0)).isNotEqualTo(base);
    assertThat(ReleaseToken.of("uid-1", 4, 0)).isNotEqualTo(base);
    assertThat(ReleaseToken.of("uid-1", 3, 1)).isNotEqualTo(base);
  }
}
