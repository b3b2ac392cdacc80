package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.ActionResult;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.operator.fixtures.RealApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An action annotation kept in Git, applied again and again the way Argo CD's self-heal does
 * (server-side apply under {@value GitOpsApplyE2E#ARGO_CD}): it acts once per value, the operator
 * never touches it, and the syncs find nothing to repair.
 */
@OnRealApiServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitOpsActionsE2E {
  static final String LANE = "gitretry";
  static final String FIRST_RETRY = "2026-12-01T03:00:00Z";

  OperatorHarness harness;
  KubernetesClient argoCd;
  String namespace;

  @BeforeAll
  void start() {
    var kubernetes = KubernetesUnderTest.realServer("gitactions");
    namespace = kubernetes.namespace();
    harness = new OperatorHarness(kubernetes, LANE);
    argoCd = RealApiServer.get().newAdminClient();
  }

  @AfterAll
  void stop() {
    harness.close();
    argoCd.close();
  }

  @Test
  void aRetryKeptInGitActsOncePerValueHoweverOftenItIsSynced() {
    harness.createGroup(LANE, 0);
    apply(manifest(Map.of()));
    harness.awaitPhase(LANE, Phase.RolledBack);
    assertThat(harness.deployments(LANE)).hasSize(1);

    // A commit asks for a retry; the hook still fails, so the retry rolls back too.
    apply(manifest(Map.of(Actions.RETRY, FIRST_RETRY)));
    harness.awaitRelease(LANE, s -> s.retryCount() == 1 && s.phase() == Phase.RolledBack);
    String settled = harness.get(LANE).getMetadata().getResourceVersion();

    // Self-heal: nine more syncs of the same commit, and an operator restart among them, which
    // reconciles every release afresh.
    for (int sync = 1; sync <= 9; sync++) {
      apply(manifest(Map.of(Actions.RETRY, FIRST_RETRY)));
      harness.clock.advance(Duration.ofSeconds(20));
      if (sync == 5) {
        harness.stopOperator();
        harness.startOperator();
      }
    }
    assertThat(harness.get(LANE).getMetadata().getResourceVersion())
        .as("nothing for the syncs to repair")
        .isEqualTo(settled);

    // Another request wakes the operator while retry is still in Git: the retry does not run again.
    apply(manifest(Map.of(Actions.RETRY, FIRST_RETRY, Actions.PROMOTE, "wake-up")));
    var woken =
        harness.awaitRelease(
            LANE,
            s ->
                s.actions().promote() != null && "wake-up".equals(s.actions().promote().handled()));
    assertThat(woken.retryCount()).isEqualTo(1);
    assertThat(woken.actions().retry().handled()).isEqualTo(FIRST_RETRY);
    assertThat(woken.actions().retry().result()).isEqualTo(ActionResult.Applied);
    assertThat(harness.deployments(LANE)).hasSize(2);
    assertOnlyArgoCdOwnsTheAnnotations();

    // A new value in Git is a new request: one more retry.
    apply(manifest(Map.of(Actions.RETRY, "2026-12-01T04:00:00Z")));
    var again =
        harness.awaitRelease(LANE, s -> s.retryCount() == 2 && s.phase() == Phase.RolledBack);
    assertThat(again.actions().retry().handled()).isEqualTo("2026-12-01T04:00:00Z");
    assertThat(harness.deployments(LANE)).hasSize(3);
    assertThat(harness.get(LANE).getMetadata().getAnnotations())
        .containsEntry(Actions.RETRY, "2026-12-01T04:00:00Z");
  }

  /** The manifest in Git: a release whose smoke-test hook fails, with the given annotations. */
  private GenericKubernetesResource manifest(Map<String, String> annotations) {
    var release =
        release(LANE)
            .namespace(namespace)
            .hook("afterAllowTestTraffic", "CodeDeployHook_fail")
            .build();
    var manifest =
        Serialization.unmarshal(Serialization.asYaml(release), GenericKubernetesResource.class);
    manifest.getMetadata().setAnnotations(new LinkedHashMap<>(annotations));
    return manifest;
  }

  /** {@code kubectl apply --server-side --field-manager=argocd-controller}, without force. */
  private void apply(GenericKubernetesResource manifest) {
    argoCd.resource(manifest).fieldManager(GitOpsApplyE2E.ARGO_CD).serverSideApply();
  }

  /** The action annotations belong to Argo CD's apply; no other manager has touched them. */
  private void assertOnlyArgoCdOwnsTheAnnotations() {
    var entries = harness.get(LANE).getMetadata().getManagedFields();
    assertThat(entries)
        .filteredOn(e -> GitOpsApplyE2E.ARGO_CD.equals(e.getManager()))
        .singleElement()
        .satisfies(e -> assertThat(fields(e)).contains("f:ecs.bluegreen.dev/retry"));
    assertThat(entries)
        .filteredOn(e -> !GitOpsApplyE2E.ARGO_CD.equals(e.getManager()))
        .allSatisfy(e -> assertThat(fields(e)).as(e.getManager()).doesNotContain("f:annotations"));
  }

  private static String fields(ManagedFieldsEntry entry) {
    return entry.getFieldsV1().getAdditionalProperties().toString();
  }
}
