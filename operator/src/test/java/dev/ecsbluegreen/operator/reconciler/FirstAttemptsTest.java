package dev.ecsbluegreen.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.fixtures.Passes;
import dev.ecsbluegreen.operator.fixtures.Releases;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FirstAttemptsTest {
  private final FirstAttempts attempts = new FirstAttempts();

  @Test
  void aReleasesFirstIntentProvesNoRevisionCarriesItsUid() {
    var release = release(null);

    attempts.intentRecorded(Passes.codeDeploy(release), "tok-1");

    assertThat(attempts.noneRegistered("uid-1", "tok-1")).isTrue();
    assertThat(attempts.noneRegistered("uid-1", "tok-2")).isFalse();
    assertThat(attempts.noneRegistered("uid-2", "tok-1")).isFalse();
  }

  @Test
  void aRegistrationSentMayHaveLandedSoTheFamilyIsListedAgain() {
    attempts.intentRecorded(Passes.codeDeploy(release(null)), "tok-1");

    attempts.registering("uid-1");

    assertThat(attempts.noneRegistered("uid-1", "tok-1")).isFalse();
  }

  @Test
  void aRegistrationTheBudgetTurnedAwayWasNeverSentSoNothingIsListed() {
    attempts.intentRecorded(Passes.codeDeploy(release(null)), "tok-1");

    String unregistered = attempts.registering("uid-1");
    attempts.notSent("uid-1", unregistered, "tok-1");

    assertThat(attempts.noneRegistered("uid-1", "tok-1")).isTrue();
    assertThat(attempts.turnedAway("uid-1", "tok-1")).isTrue();
    assertThat(attempts.turnedAway("uid-1", "tok-2")).isFalse();
  }

  @Test
  void aTurnedAwayRegistrationOfALaterAttemptProvesNothingRegistered() {
    // A later attempt: an earlier one may have registered, so the family is listed either way.
    attempts.intentRecorded(Passes.codeDeploy(release("tok-1")), "tok-2");

    attempts.notSent("uid-1", attempts.registering("uid-1"), "tok-2");

    assertThat(attempts.noneRegistered("uid-1", "tok-2")).isFalse();
    assertThat(attempts.turnedAway("uid-1", "tok-2")).isTrue();
  }

  @Test
  void aRegistrationSentAfterATurnedAwayOneEndsWhatTheTurnedAwayPassReadCounts() {
    attempts.intentRecorded(Passes.codeDeploy(release(null)), "tok-1");
    attempts.notSent("uid-1", attempts.registering("uid-1"), "tok-1");

    attempts.registering("uid-1");

    assertThat(attempts.turnedAway("uid-1", "tok-1")).isFalse();
    assertThat(attempts.noneRegistered("uid-1", "tok-1")).isFalse();
  }

  @Test
  void anIntentAfterAnEarlierAttemptProvesNothing() {
    attempts.intentRecorded(Passes.codeDeploy(release(null)), "tok-1");

    // A new generation: the earlier attempt may have registered this content already.
    attempts.intentRecorded(Passes.codeDeploy(release("tok-1")), "tok-2");

    assertThat(attempts.noneRegistered("uid-1", "tok-2")).isFalse();
    assertThat(attempts.noneRegistered("uid-1", "tok-1")).isFalse();
  }

  private static EcsBlueGreenRelease release(String recordedToken) {
    var release = Releases.release("web").build();
    release.getMetadata().setUid("uid-1");
    release.getMetadata().setGeneration(2L);
    if (recordedToken != null) {
      release.setStatus(
          Serialization.unmarshal(
              Serialization.asJson(Map.of("releaseToken", recordedToken)),
              EcsBlueGreenReleaseStatus.class));
    }
    return release;
  }
}
