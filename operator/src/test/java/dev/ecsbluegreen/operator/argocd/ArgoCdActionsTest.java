package dev.ecsbluegreen.operator.argocd;

import static dev.ecsbluegreen.operator.argocd.ArgoCdScripts.ACTIONS;
import static dev.ecsbluegreen.operator.argocd.ArgoCdScripts.DISCOVERY;
import static dev.ecsbluegreen.operator.argocd.ArgoCdScripts.edgeCase;
import static dev.ecsbluegreen.operator.argocd.ArgoCdScripts.releaseIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The promote, rollback, skip-bake and retry actions Argo CD offers on a release. */
class ArgoCdActionsTest {
  static final String PREFIX = "ecs.bluegreen.dev/";

  /** The actions that make sense in each phase; a switch, so a new phase must be decided here. */
  static Set<String> expectedEnabled(Phase phase) {
    return switch (phase) {
      case Pending, RegisteringTaskDefinition, Succeeded, RollingBack -> Set.of();
      case Deploying, TestTraffic, ShiftingTraffic -> Set.of("rollback");
      case AwaitingPromotion -> Set.of("promote", "rollback");
      case Baking -> Set.of("skip-bake", "rollback");
      case RolledBack, Failed -> Set.of("retry");
    };
  }

  @ParameterizedTest
  @EnumSource(Phase.class)
  void discoveryListsAllFourActionsAndEnablesOnlyThoseThatFitThePhase(Phase phase) {
    var actions = ArgoCdScripts.run(DISCOVERY, releaseIn(phase));

    assertThat(fieldNames(actions)).containsExactlyInAnyOrderElementsOf(ACTIONS);
    assertThat(enabled(actions)).isEqualTo(expectedEnabled(phase));
  }

  @ParameterizedTest
  @EnumSource(Phase.class)
  void discoveryOffersTheSameActionsForAnEcsNativeReleaseButSkipBake(Phase phase) {
    var actions = ArgoCdScripts.run(DISCOVERY, ArgoCdScripts.ecsReleaseIn(phase));

    var expected = new TreeSet<>(expectedEnabled(phase));
    expected.remove("skip-bake");
    assertThat(fieldNames(actions)).containsExactlyInAnyOrderElementsOf(ACTIONS);
    assertThat(enabled(actions)).isEqualTo(expected);
  }

  @Test
  void discoveryDisablesEveryActionBeforeTheOperatorWroteAStatus() {
    var actions = ArgoCdScripts.run(DISCOVERY, edgeCase("no-status"));

    assertThat(fieldNames(actions)).containsExactlyInAnyOrderElementsOf(ACTIONS);
    assertThat(enabled(actions)).isEmpty();
  }

  @Test
  void discoveryOffersPromoteWhileManualPromotionWaitsOnCountingChecks() {
    var actions = ArgoCdScripts.run(DISCOVERY, edgeCase("analysis-running"));

    assertThat(enabled(actions)).containsExactlyInAnyOrder("promote", "rollback");
  }

  static Stream<Arguments> everyActionOnEveryPhase() {
    return ACTIONS.stream()
        .flatMap(action -> Arrays.stream(Phase.values()).map(p -> Arguments.of(action, p)));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("everyActionOnEveryPhase")
  void actionSetsExactlyItsAnnotationToTheCurrentTimeAndChangesNothingElse(
      String action, Phase phase) {
    var release = releaseIn(phase);
    var before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    var result = ArgoCdScripts.run(ArgoCdScripts.action(action), release);

    String value = result.path("metadata").path("annotations").path(PREFIX + action).asText();
    assertThat(value).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    assertThat(Instant.parse(value)).isBetween(before, Instant.now());
    assertThat(result).isEqualTo(withAnnotation(release, PREFIX + action, value));
  }

  @ParameterizedTest
  @MethodSource("actions")
  void actionReplacesAnEarlierRequestWithANewValue(String action) {
    var earlier = "2020-01-01T00:00:00Z";
    var release = withAnnotation(releaseIn(Phase.RolledBack), PREFIX + action, earlier);

    var result = ArgoCdScripts.run(ArgoCdScripts.action(action), release);

    String value = result.path("metadata").path("annotations").path(PREFIX + action).asText();
    assertThat(Instant.parse(value)).isAfter(Instant.parse(earlier));
  }

  static Stream<String> actions() {
    return ACTIONS.stream();
  }

  @Test
  void actionKeepsTheAnnotationsAlreadyThere() {
    var baking = releaseIn(Phase.Baking);
    assertThat(baking.path("metadata").path("annotations").size()).isPositive();

    var result = ArgoCdScripts.run(ArgoCdScripts.action("skip-bake"), baking);

    assertThat(fieldNames(result.path("metadata").path("annotations")))
        .containsExactlyInAnyOrder("argocd.argoproj.io/tracking-id", "ecs.bluegreen.dev/skip-bake");
  }

  private static JsonNode withAnnotation(JsonNode release, String annotation, String value) {
    var expected = release.deepCopy();
    var metadata = (ObjectNode) expected.get("metadata");
    if (!metadata.has("annotations")) {
      metadata.putObject("annotations");
    }
    ((ObjectNode) metadata.get("annotations")).put(annotation, value);
    return expected;
  }

  private static Set<String> enabled(JsonNode actions) {
    var enabled = new TreeSet<String>();
    actions
        .properties()
        .forEach(
            action -> {
              assertThat(action.getValue().path("disabled").isBoolean())
                  .as("%s.disabled is a boolean", action.getKey())
                  .isTrue();
              if (!action.getValue().get("disabled").booleanValue()) {
                enabled.add(action.getKey());
              }
            });
    return enabled;
  }

  private static Set<String> fieldNames(JsonNode node) {
    var names = new TreeSet<String>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
