package dev.ecsbluegreen.operator.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded API must serve what kubectl asks for: discovery and server-side tables. */
class EmbeddedKubernetesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TABLE_ACCEPT =
      "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

  static EmbeddedKubernetes kubernetes;

  @BeforeAll
  static void start(@TempDir Path folder) throws Exception {
    kubernetes = EmbeddedKubernetes.start(0);
    var manifest = folder.resolve("release.yaml");
    Files.writeString(
        manifest,
        """
        apiVersion: ecs.bluegreen.dev/v1alpha1
        kind: EcsBlueGreenRelease
        metadata: {name: checkout-api, namespace: payments}
        spec:
          service: {cluster: prod-cluster, name: checkout-api}
          codeDeploy: {application: checkout-api, deploymentGroup: checkout-api-dg}
          taskDefinition:
            template:
              containers: [{name: app, image: "repo/checkout:2.4.1"}]
          loadBalancer: {containerName: app, containerPort: 8080}
        """);
    var release = ReleaseManifests.load(List.of(manifest)).get(0);
    var created = kubernetes.client().resource(release).create();
    created.setStatus(
        Serialization.jsonMapper()
            .convertValue(
                Map.of(
                    "observedGeneration", 1,
                    "phase", "ShiftingTraffic",
                    "message", "Canary: 10% of production traffic on green",
                    "deploymentId", "d-ABCDEF123",
                    "taskDefinition", "checkout-api:134",
                    "traffic", Map.of("blue", 90, "green", 10)),
                EcsBlueGreenReleaseStatus.class));
    kubernetes.client().resource(created).updateStatus();
  }

  @AfterAll
  static void stop() {
    kubernetes.close();
  }

  @Test
  void discoveryListsTheReleaseResourceWithItsShortNames() throws Exception {
    var resources = get("/apis/ecs.bluegreen.dev/v1alpha1", "application/json");

    var release = resources.path("resources").get(0);
    assertThat(release.path("name").asText()).isEqualTo("ecsbluegreenreleases");
    assertThat(texts(release.path("shortNames"))).containsExactly("releases", "release", "ebgr");
    assertThat(get("/apis", "application/json").toString()).contains("ecs.bluegreen.dev/v1alpha1");
  }

  @Test
  void listsReleasesAsATableWithThePrinterColumns() throws Exception {
    var table =
        get(
            "/apis/ecs.bluegreen.dev/v1alpha1/namespaces/payments/ecsbluegreenreleases",
            TABLE_ACCEPT);

    assertThat(table.path("kind").asText()).isEqualTo("Table");
    assertThat(texts(table.path("columnDefinitions"), "name"))
        .containsExactly(
            "Name",
            "Phase",
            "Green",
            "TaskDef",
            "Deployment",
            "Age",
            "Engine",
            "Message",
            "Analysis");
    var cells = texts(table.path("rows").get(0).path("cells"));
    assertThat(cells.subList(0, 5))
        .containsExactly(
            "checkout-api", "ShiftingTraffic", "10", "checkout-api:134", "d-ABCDEF123");
    assertThat(cells.get(5)).matches("[0-9]+s");
    assertThat(table.path("rows").get(0).path("object").path("metadata").path("namespace").asText())
        .isEqualTo("payments");
  }

  @Test
  void describeFindsOnlyTheReleasesOwnEventsAsAnEventList() throws Exception {
    // Names no other test records events for, so the order tests run in does not matter.
    recordEvent("described-api", "DeploymentCreated", "CodeDeploy deployment d-ABCDEF123 created");
    recordEvent("other-release", "DeploymentCreated", "not about described-api");

    var events =
        get(
            "/api/v1/namespaces/payments/events?fieldSelector="
                + "involvedObject.name%3Ddescribed-api%2CinvolvedObject.kind%3DEcsBlueGreenRelease"
                + "&limit=500",
            "application/json");

    assertThat(events.path("kind").asText()).isEqualTo("EventList");
    assertThat(texts(events.path("items"), "message"))
        .containsExactly("CodeDeploy deployment d-ABCDEF123 created");
  }

  @Test
  void listsEventsAsATableWithKubectlsColumns() throws Exception {
    recordEvent("checkout-api", "Baking", "production on green");

    var table = get("/api/v1/namespaces/payments/events", TABLE_ACCEPT);

    assertThat(texts(table.path("columnDefinitions"), "name"))
        .containsExactly("Last Seen", "Type", "Reason", "Object", "Message");
    assertThat(table.toString())
        .contains("ecsbluegreenrelease/checkout-api", "production on green");
  }

  private static void recordEvent(String release, String reason, String message) {
    kubernetes
        .client()
        .v1()
        .events()
        .inNamespace("payments")
        .resource(
            new io.fabric8.kubernetes.api.model.EventBuilder()
                .withNewMetadata()
                .withGenerateName(release + ".")
                .endMetadata()
                .withNewInvolvedObject()
                .withKind("EcsBlueGreenRelease")
                .withName(release)
                .withNamespace("payments")
                .endInvolvedObject()
                .withType("Normal")
                .withReason(reason)
                .withMessage(message)
                .withLastTimestamp("2026-11-22T04:00:00Z")
                .build())
        .create();
  }

  @Test
  void servesPlainJsonWhenNoTableIsAsked() {
    var release =
        kubernetes
            .client()
            .resources(EcsBlueGreenRelease.class)
            .inNamespace("payments")
            .withName("checkout-api")
            .get();

    assertThat(release.getStatus().phase()).isEqualTo(Phase.ShiftingTraffic);
  }

  private static JsonNode get(String path, String accept) throws Exception {
    var response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(kubernetes.url() + path))
                    .header("Accept", accept)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static List<String> texts(JsonNode array) {
    var values = new ArrayList<String>();
    array.forEach(node -> values.add(node.asText()));
    return values;
  }

  private static List<String> texts(JsonNode array, String field) {
    var values = new ArrayList<String>();
    array.forEach(node -> values.add(node.path(field).asText()));
    return values;
  }
}
