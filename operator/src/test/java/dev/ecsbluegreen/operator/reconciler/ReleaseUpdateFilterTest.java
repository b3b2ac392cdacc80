package dev.ecsbluegreen.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.fixtures.Releases;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseUpdateFilterTest {
  final ReleaseUpdateFilter filter = new ReleaseUpdateFilter();

  @Test
  void statusOnlyChangeDoesNotWakeTheReconciler() {
    var before = release(1);
    var after = release(1);
    after.setStatus(ReleasePlannerTest.intent(1));

    assertThat(filter.accept(after, before)).isFalse();
  }

  @Test
  void otherAnnotationsDoNotWakeIt() {
    var after = release(1);
    after.getMetadata().getAnnotations().put("example.com/note", "x");

    assertThat(filter.accept(after, release(1))).isFalse();
  }

  @Test
  void actionAnnotationWakesIt() {
    var after = release(1);
    after.getMetadata().getAnnotations().put(Actions.PROMOTE, "true");

    assertThat(filter.accept(after, release(1))).isTrue();
  }

  @Test
  void newGenerationDeletionAndFinalizersWakeIt() {
    assertThat(filter.accept(release(2), release(1))).isTrue();
    var deleting = release(1);
    deleting.getMetadata().setDeletionTimestamp("2025-01-01T00:00:00Z");
    assertThat(filter.accept(deleting, release(1))).isTrue();
    var finalized = release(1);
    finalized.getMetadata().setFinalizers(List.of("ecs-bluegreen-release/finalizer"));
    assertThat(filter.accept(finalized, release(1))).isTrue();
  }

  private static EcsBlueGreenRelease release(long generation) {
    var release = Releases.release("web").build();
    release.getMetadata().setGeneration(generation);
    release.getMetadata().setAnnotations(new HashMap<>());
    return release;
  }
}
