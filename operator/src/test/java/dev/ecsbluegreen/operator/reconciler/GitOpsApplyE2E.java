package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.fixtures.ApiRequests;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.operator.fixtures.RealApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A GitOps tool applies the release with server-side apply under its own field manager (Argo CD's
 * {@value #ARGO_CD}) while the operator writes the status subresource and its finalizer: neither
 * side gets a conflict, the spec is exactly what Git holds, and the operator owns no spec field.
 */
@OnRealApiServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitOpsApplyE2E {
  static final String ARGO_CD = "argocd-controller";
  static final String LANE = "gitops";

  final ApiRequests operatorRequests = new ApiRequests();
  OperatorHarness harness;
  KubernetesClient argoCd;
  String namespace;

  @BeforeAll
  void start() {
    var server = RealApiServer.get();
    namespace = server.newNamespace("gitops");
    var config = server.adminConfig();
    config.setNamespace(namespace);
    var operatorClient =
        new KubernetesClientBuilder()
            .withConfig(config)
            .withHttpClientBuilderConsumer(
                http -> http.addOrReplaceInterceptor("requests", operatorRequests))
            .build();
    harness =
        new OperatorHarness(
            KubernetesUnderTest.of(operatorClient, namespace, operatorClient::close), LANE);
    argoCd = server.newAdminClient();
  }

  @AfterAll
  void stop() {
    harness.close();
    argoCd.close();
  }

  @Test
  void serverSideApplyByArgoCdAndTheOperatorsStatusNeverConflict() {
    harness.createGroup(harness.groupShape(LANE, 0, "STOP_DEPLOYMENT", 600));
    var first = manifest("example/web:2");
    apply(first);
    // Green can show ready a pass before CodeDeploy reports READY; compare from READY on, when
    // nothing but a promote changes the status.
    var gated =
        harness.awaitRelease(
            LANE,
            s -> s.phase() == Phase.AwaitingPromotion && "READY".equals(s.deploymentStatus()));
    var before = harness.get(LANE);
    assertThat(before.getMetadata().getFinalizers()).isNotEmpty();

    // Argo CD syncs again (same commit) while the deployment waits at the gate.
    apply(first);
    var after = harness.get(LANE);
    assertThat(after.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(after.getMetadata().getFinalizers()).isEqualTo(before.getMetadata().getFinalizers());
    assertThat(after.getStatus()).isEqualTo(before.getStatus());
    assertSpecIsTheManifests(after, first);
    assertOnlyArgoCdOwnsTheSpec(after);

    // A new commit while the deployment still runs: a new generation replaces it.
    var second = manifest("example/web:3");
    apply(second);
    var redeployed =
        harness.awaitRelease(
            LANE, s -> s.observedGeneration() == 2L && s.phase() == Phase.AwaitingPromotion);
    assertThat(redeployed.deploymentId()).isNotEqualTo(gated.deploymentId());
    harness.annotate(LANE, Actions.PROMOTE);
    var done = harness.awaitPhase(LANE, Phase.Succeeded);

    assertThat(done.observedGeneration()).isEqualTo(2L);
    assertThat(harness.runningTaskDefinition(LANE)).endsWith(LANE + ":3");
    assertThat(harness.deployments(LANE)).hasSize(2);
    var released = harness.get(LANE);
    assertSpecIsTheManifests(released, second);
    assertOnlyArgoCdOwnsTheSpec(released);
    assertThat(operatorRequests.answered(409)).as("the operator's conflicts").isEmpty();
  }

  /** The manifest in Git, as Argo CD reads it: only what the author wrote. */
  private GenericKubernetesResource manifest(String image) {
    var release = release(LANE).namespace(namespace).manualPromotion().image(image).build();
    var manifest =
        Serialization.unmarshal(Serialization.asYaml(release), GenericKubernetesResource.class);
    manifest.getMetadata().setLabels(Map.of("app.kubernetes.io/instance", "payments"));
    return manifest;
  }

  /** {@code kubectl apply --server-side --field-manager=argocd-controller}, without force. */
  private void apply(GenericKubernetesResource manifest) {
    argoCd.resource(manifest).fieldManager(ARGO_CD).serverSideApply();
  }

  /** Every field of the manifest's spec is in the live spec with the manifest's value. */
  private static void assertSpecIsTheManifests(
      EcsBlueGreenRelease live, GenericKubernetesResource manifest) {
    JsonNode expected =
        Serialization.jsonMapper().valueToTree(manifest.getAdditionalProperties().get("spec"));
    JsonNode actual = Serialization.jsonMapper().valueToTree(live.getSpec());
    assertContains(actual, expected, "spec");
  }

  private static void assertContains(JsonNode actual, JsonNode expected, String path) {
    if (expected.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
        var field = it.next();
        assertThat(actual.has(field.getKey())).as(path + "." + field.getKey()).isTrue();
        assertContains(actual.get(field.getKey()), field.getValue(), path + "." + field.getKey());
      }
    } else {
      assertThat(actual).as(path).isEqualTo(expected);
    }
  }

  /** Argo CD's Apply entry owns the spec; no other manager owns any spec field. */
  private static void assertOnlyArgoCdOwnsTheSpec(EcsBlueGreenRelease live) {
    List<ManagedFieldsEntry> entries = live.getMetadata().getManagedFields();
    assertThat(entries)
        .filteredOn(e -> ARGO_CD.equals(e.getManager()))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getOperation()).isEqualTo("Apply");
              assertThat(fields(e)).containsKey("f:spec");
            });
    assertThat(entries)
        .filteredOn(e -> !ARGO_CD.equals(e.getManager()))
        .allSatisfy(e -> assertThat(fields(e)).as(e.getManager()).doesNotContainKey("f:spec"))
        .anySatisfy(
            e -> {
              assertThat(e.getSubresource()).isEqualTo("status");
              assertThat(fields(e)).containsKey("f:status");
            })
        .anySatisfy(e -> assertThat(fields(e).toString()).contains("f:finalizers"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> fields(ManagedFieldsEntry entry) {
    return (Map<String, Object>) entry.getFieldsV1().getAdditionalProperties();
  }
}
