package dev.ecsbluegreen.operator.reconciler.codedeploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PreparingMemoryTest {
  private final PreparingMemory memory = new PreparingMemory();

  @Test
  void aCreateDeploymentTurnedAwayUnsentLeavesTheTokenOnNoDeployment() {
    memory.intentRecorded("uid-1", "tok-1");

    memory.notSent("uid-1", "tok-1", memory.creating("uid-1", "tok-1"));

    assertThat(memory.noDeploymentCarries("uid-1", "tok-1")).isTrue();
  }

  @Test
  void aCreateDeploymentTurnedAwayAfterOneThatWasSentStillLooksForThatOne() {
    memory.intentRecorded("uid-1", "tok-1");
    // Sent; its answer lost.
    memory.creating("uid-1", "tok-1");

    memory.notSent("uid-1", "tok-1", memory.creating("uid-1", "tok-1"));

    assertThat(memory.noDeploymentCarries("uid-1", "tok-1")).isFalse();
  }
}
