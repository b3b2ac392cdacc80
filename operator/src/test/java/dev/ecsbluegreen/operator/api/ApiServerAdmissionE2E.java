package dev.ecsbluegreen.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.operator.admission.AdmissionValidator;
import dev.ecsbluegreen.operator.fixtures.Kubectl;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;
import dev.ecsbluegreen.operator.fixtures.RealApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRD users install, on a real kube-apiserver: it installs as the README says, admits every
 * example as the offline validator does (same defaults, same pruning), refuses every invalid
 * manifest with exactly the messages the offline validator predicts, and serves kubectl's explain
 * and printer columns. A disagreement in either direction fails, so the fast offline suite keeps
 * telling the truth about the cluster.
 */
@OnRealApiServer
class ApiServerAdmissionE2E {
  private static final AdmissionValidator OFFLINE = AdmissionValidator.forGeneratedCrd();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RealApiServer server;
  private static KubernetesClient client;
  private static Kubectl kubectl;
  private static String dryRunNamespace;

  @BeforeAll
  static void installCrd() {
    server = RealApiServer.get();
    client = server.admin();
    kubectl = Kubectl.forRealServer().inRepository();
    dryRunNamespace = server.newNamespace("admission");
  }

  static List<Path> examples() {
    return Manifests.examples();
  }

  static List<Path> invalidManifests() {
    return Manifests.invalid();
  }

  @Test
  void readmeInstallStepAppliesTheCrd() {
    // The fixture installed the CRD already, as field manager e2e-installer; kubectl applies it
    // again under that name, or the server would answer with a conflict between two managers.
    var result =
        kubectl.run("apply", "--server-side", "--field-manager=e2e-installer", "-f", "crds/");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("customresourcedefinition.apiextensions.k8s.io/ecsbluegreenreleases");
  }

  @ParameterizedTest
  @MethodSource("examples")
  void exampleIsStoredAsTheOfflineValidatorAdmitsIt(Path example) throws Exception {
    ObjectNode manifest = Manifests.read(example);
    String namespace = server.newNamespace("example");
    manifest.withObjectProperty("metadata").put("namespace", namespace);

    GenericKubernetesResource stored = releaseIn(namespace, manifest).create();

    var offline = OFFLINE.admit(manifest);
    assertThat(offline.errors()).isEmpty();
    assertThat(normalized(stored.getAdditionalProperties().get("spec")))
        .as("the spec the server stored (defaults applied, unknown fields pruned)")
        .isEqualTo(normalized(offline.object().get("spec")));
  }

  @ParameterizedTest
  @MethodSource("invalidManifests")
  void invalidManifestIsRefusedWithExactlyTheOfflineMessages(Path manifest) {
    ObjectNode release = Manifests.read(manifest);
    release.withObjectProperty("metadata").put("namespace", dryRunNamespace);

    var refusal =
        catchThrowableOfType(
            KubernetesClientException.class,
            () -> releaseIn(dryRunNamespace, release).dryRun().create());

    assertThat(refusal).as("the server refuses %s", manifest.getFileName()).isNotNull();
    assertThat(refusal.getCode()).as(refusal.getMessage()).isEqualTo(422);
    assertThat(causes(refusal))
        .as("server (actual) vs offline validator (expected) for %s", manifest.getFileName())
        .containsExactlyInAnyOrderElementsOf(OFFLINE.admit(release).errors());
  }

  @Test
  void kubectlExplainDescribesTheSpecFromTheFieldDescriptions() {
    var spec = kubectl.run("explain", "ecsbluegreenrelease.spec");
    var hooks = kubectl.run("explain", "ecsbluegreenrelease.spec.hooks");

    assertThat(spec.exitCode()).as(spec.output()).isZero();
    assertThat(oneLine(spec.output()))
        .contains("taskDefinition", "codeDeploy", "loadBalancer", "service")
        .contains("The task definition to release: exactly one of arn, template or inline.");
    assertThat(hooks.exitCode()).as(hooks.output()).isZero();
    assertThat(oneLine(hooks.output())).contains("A name or ARN is at most 170 characters.");
  }

  @Test
  void kubectlGetShowsThePrinterColumnsAndWideAddsTheEngineMessageAndAnalysis() {
    String namespace = server.newNamespace("columns");
    ObjectNode manifest = Manifests.read(Manifests.EXAMPLES.resolve("checkout-api.yaml"));
    manifest.withObjectProperty("metadata").put("namespace", namespace);
    releaseIn(namespace, manifest).create();
    ObjectNode status = JSON.createObjectNode();
    status
        .put("phase", "ShiftingTraffic")
        .put("taskDefinition", "checkout-api:134")
        .put("deploymentId", "d-5RL1SOMMT")
        .put("message", "10% of production traffic on green")
        .put("engine", "ECS")
        .put("analysisSummary", "2/3 smoke")
        .putObject("traffic")
        .put("blue", 90)
        .put("green", 10);
    manifest.set("status", status);
    releaseIn(namespace, manifest).updateStatus();

    var narrow = kubectl.run("get", "releases", "-n", namespace);
    var wide = kubectl.run("get", "releases", "-n", namespace, "-o", "wide");

    assertThat(narrow.exitCode()).as(narrow.output()).isZero();
    assertThat(columns(narrow.output(), 0))
        .containsExactly("NAME", "PHASE", "GREEN", "TASKDEF", "DEPLOYMENT", "AGE");
    assertThat(columns(narrow.output(), 1))
        .startsWith("checkout-api", "ShiftingTraffic", "10", "checkout-api:134", "d-5RL1SOMMT");
    assertThat(wide.exitCode()).as(wide.output()).isZero();
    assertThat(columns(wide.output(), 0))
        .containsExactly(
            "NAME",
            "PHASE",
            "GREEN",
            "TASKDEF",
            "DEPLOYMENT",
            "AGE",
            "ENGINE",
            "MESSAGE",
            "ANALYSIS");
    assertThat(columns(wide.output(), 1)).contains("ECS", "2/3 smoke");
    assertThat(wide.output()).contains("10% of production traffic on green");
  }

  private static Resource<GenericKubernetesResource> releaseIn(
      String namespace, JsonNode manifest) {
    var resource =
        client.getKubernetesSerialization().convertValue(manifest, GenericKubernetesResource.class);
    return client
        .genericKubernetesResources("ecs.bluegreen.dev/v1alpha1", "EcsBlueGreenRelease")
        .inNamespace(namespace)
        .resource(resource);
  }

  /** The 422's causes as kubectl prints them: {@code field: message}, {@code <nil>} for none. */
  private static List<String> causes(KubernetesClientException refusal) {
    assertThat(refusal.getStatus()).as(refusal.getMessage()).isNotNull();
    assertThat(refusal.getStatus().getDetails()).as(refusal.getMessage()).isNotNull();
    return refusal.getStatus().getDetails().getCauses().stream()
        .map(ApiServerAdmissionE2E::asKubectlPrintsIt)
        .toList();
  }

  private static String asKubectlPrintsIt(StatusCause cause) {
    return cause.getField() + ": " + cause.getMessage();
  }

  /** The same JSON types on both sides (int, not long), so equal values compare equal. */
  private static JsonNode normalized(Object value) throws Exception {
    return JSON.readTree(JSON.writeValueAsString(value));
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ");
  }

  private static List<String> columns(String table, int line) {
    return List.of(table.lines().toList().get(line).trim().split("\\s{2,}"));
  }
}
