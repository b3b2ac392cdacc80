package dev.ecsbluegreen.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import org.junit.jupiter.api.Test;

/** What each step of an attempt keeps of the facts, and what it clears. */
class FactsTest {
  final Facts tracked =
      Facts.builder()
          .releaseToken("t1")
          .releaseGeneration(1L)
          .retryCount(0)
          .requestedAt("2025-01-01T00:00:00Z")
          .deploymentId("d-1")
          .deploymentStatus("IN_PROGRESS")
          .rollbackDeploymentId("d-2")
          .taskDefinitionArn("arn:web:2")
          .previousTaskDefinitionArn("arn:web:1")
          .build();

  @Test
  void rebuildingKeepsEveryField() {
    assertThat(tracked.toBuilder().build()).isEqualTo(tracked);
    var ended = tracked.completed("2025-01-01T00:05:00Z", Phase.RolledBack, "rolled back");
    assertThat(ended.toBuilder().build()).isEqualTo(ended);
  }

  @Test
  void newAttemptKeepsOnlyTheHistory() {
    var ended = tracked.completed("2025-01-01T00:05:00Z", Phase.RolledBack, "rolled back");

    var next = ended.intent("t2", 2, 0, "2025-01-01T00:06:00Z");

    assertThat(next)
        .isEqualTo(
            Facts.builder()
                .releaseToken("t2")
                .releaseGeneration(2L)
                .requestedAt("2025-01-01T00:06:00Z")
                .history(ended.history())
                .build());
    assertThat(next.history())
        .singleElement()
        .satisfies(e -> assertThat(e.deploymentId()).isEqualTo("d-1"));
  }

  @Test
  void seeingTheDeploymentChangesOnlyItsFields() {
    var seen = tracked.withDeployment("d-1", "STOPPED", "d-3");

    assertThat(seen)
        .isEqualTo(
            tracked.toBuilder().deploymentStatus("STOPPED").rollbackDeploymentId("d-3").build());
    assertThat(seen.withTaskDefinitions("arn:web:3", null))
        .isEqualTo(
            seen.toBuilder()
                .taskDefinitionArn("arn:web:3")
                .previousTaskDefinitionArn(null)
                .build());
  }
}
