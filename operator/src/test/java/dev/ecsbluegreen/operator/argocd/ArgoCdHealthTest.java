package dev.ecsbluegreen.operator.argocd;

import static dev.ecsbluegreen.operator.argocd.ArgoCdScripts.HEALTH;
import static dev.ecsbluegreen.operator.argocd.ArgoCdScripts.edgeCase;
import static dev.ecsbluegreen.operator.argocd.ArgoCdScripts.releaseIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What Argo CD shows for a release: the health examples/argocd/health.lua computes. */
class ArgoCdHealthTest {

  /** A switch expression, so a new phase does not compile until its health is decided here. */
  static String expectedHealth(Phase phase) {
    return switch (phase) {
      case Pending,
              RegisteringTaskDefinition,
              Deploying,
              TestTraffic,
              ShiftingTraffic,
              Baking,
              RollingBack ->
          "Progressing";
      case AwaitingPromotion -> "Suspended";
      case Succeeded -> "Healthy";
      case RolledBack, Failed -> "Degraded";
    };
  }

  @ParameterizedTest
  @EnumSource(Phase.class)
  void everyPhaseMapsToItsHealthWithTheOperatorsMessage(Phase phase) {
    var release = releaseIn(phase);

    var health = health(release);

    assertThat(health.path("status").asText()).isEqualTo(expectedHealth(phase));
    assertThat(health.path("message").asText())
        .isNotBlank()
        .isEqualTo(release.path("status").path("message").asText());
  }

  @ParameterizedTest
  @EnumSource(Phase.class)
  void ecsNativeReleaseInEveryPhaseHasTheSameHealth(Phase phase) {
    var release = ArgoCdScripts.ecsReleaseIn(phase);

    var health = health(release);

    assertThat(release.path("status").path("engine").asText()).isEqualTo("ECS");
    assertThat(health.path("status").asText()).isEqualTo(expectedHealth(phase));
    assertThat(health.path("message").asText())
        .isEqualTo(release.path("status").path("message").asText());
  }

  @Test
  void releaseWithoutStatusIsProgressing() {
    var health = health(edgeCase("no-status"));

    assertThat(health.path("status").asText()).isEqualTo("Progressing");
    assertThat(health.path("message").asText()).contains("operator");
  }

  @Test
  void newGenerationNotYetObservedIsProgressingEvenThoughTheLastOneSucceeded() {
    var health = health(edgeCase("generation-behind"));

    assertThat(health.path("status").asText()).isEqualTo("Progressing");
    assertThat(health.path("message").asText()).contains("generation 8");
  }

  @Test
  void stalledReleaseIsDegradedWithTheStalledConditionsMessage() {
    var health = health(edgeCase("invalid-spec"));

    assertThat(health.path("status").asText()).isEqualTo("Degraded");
    assertThat(health.path("message").asText())
        .startsWith("DeploymentGroupDoesNotExistException: checkout-api-typo");
  }

  @Test
  void failedPhaseIsDegradedEvenWithoutConditions() {
    var health = health(edgeCase("failed-without-conditions"));

    assertThat(health.path("status").asText()).isEqualTo("Degraded");
    assertThat(health.path("message").asText()).contains("d-XYZ987654 failed");
  }

  @Test
  void stalledConditionLeftFromAnOlderGenerationIsIgnored() {
    var health = health(edgeCase("stalled-for-an-older-generation"));

    assertThat(health.path("status").asText()).isEqualTo("Progressing");
    assertThat(health.path("message").asText())
        .isEqualTo("Installing the green task set (Install)");
  }

  @Test
  void failedAnalysisCheckIsDegradedNamingTheCheckWhileItRollsBack() {
    var health = health(edgeCase("analysis-failed-rolling-back"));

    assertThat(health.path("status").asText()).isEqualTo("Degraded");
    assertThat(health.path("message").asText())
        .startsWith("Analysis check smoke failed, rolling back: 0/5 good")
        .contains("5 answered 500");
  }

  @Test
  void checkThatFailedAgainstAnEarlierDeploymentDoesNotDegradeThisOne() {
    var health = health(edgeCase("analysis-failed-for-an-older-deployment"));

    assertThat(health.path("status").asText()).isEqualTo("Progressing");
    assertThat(health.path("message").asText()).startsWith("Rolling back: rollback requested");
  }

  @Test
  void gateHoldingTheReleaseIsProgressingWithItsOwnMessage() {
    var release = edgeCase("analysis-running");

    var health = health(release);

    assertThat(health.path("status").asText()).isEqualTo("Progressing");
    assertThat(health.path("message").asText())
        .isEqualTo(release.path("status").path("message").asText())
        .startsWith("Analysis: smoke 2/3 passed");
  }

  @Test
  void checksStillToComeLeadTheMessageWhileTheReleaseMovesOn() {
    var health = health(edgeCase("analysis-bake-pending"));

    assertThat(health.path("status").asText()).isEqualTo("Progressing");
    assertThat(health.path("message").asText())
        .isEqualTo("Analysis 0/2 bake: Canary: 10% of production traffic on green");
  }

  private static JsonNode health(JsonNode release) {
    var health = ArgoCdScripts.run(HEALTH, release);
    assertThat(health.isObject()).as("health script returns a table: %s", health).isTrue();
    return health;
  }
}
