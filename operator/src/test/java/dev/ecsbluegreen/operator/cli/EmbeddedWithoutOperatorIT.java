package dev.ecsbluegreen.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.embedded.DemoSettings;
import dev.ecsbluegreen.operator.embedded.EmbeddedDemo;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;

/**
 * `embedded --keep-running --no-operator` as the README tells a user to try it: the releases wait
 * untouched until the user's `run`, started with exactly the command the embedded process prints,
 * releases each of them once, to the outcome its manifest expects.
 */
class EmbeddedWithoutOperatorIT {
  private static final double MINUTE_MILLIS = 300;
  private static final String EXPECTED_PHASE = "demo.ecs.bluegreen.dev/expected-phase";

  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final AtomicReference<Throwable> embeddedFailure = new AtomicReference<>();
  private Thread embedded;

  @AfterEach
  void stopEmbedded() throws InterruptedException {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    if (embedded != null) {
      // What Ctrl-C does to the wait; the API and the simulator close on the way out.
      embedded.interrupt();
      embedded.join(Duration.ofSeconds(20).toMillis());
    }
  }

  @Test
  void theRunCommandItPrintsIsTheOnlyOperatorAndReleasesEveryExampleOnce(@TempDir Path folder)
      throws Exception {
    startEmbedded(folder.resolve("embedded.kubeconfig"));
    var runArguments = printedRunArguments();
    var kubeconfig = Path.of(argument(runArguments, "--kubeconfig"));
    var awsEndpoint = URI.create(argument(runArguments, "--aws-endpoint"));

    try (var client = clientFor(kubeconfig);
        var codeDeploy = codeDeployAt(awsEndpoint)) {
      // Long enough for the demo's own operator, were it running, to have written statuses and
      // started deployments: it reconciles within a second of starting at this time scale.
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(5))
          .until(() -> nobodyActed(client, codeDeploy));

      exportPrintedCredentials();
      var run = new RunCommand();
      new CommandLine(run).parseArgs(runArguments.toArray(String[]::new));
      try (var operator = run.start()) {
        // The person at the gate reads the hint the embedded process prints, then promotes.
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    output()
                        .contains(
                            "orders/orders-api waits at its gate for up to 18 s (the group's ready"
                                + " wait of 60 simulated minutes), then CodeDeploy stops it. To"
                                + " promote: kubectl annotate --overwrite release orders-api -n orders"
                                + " ecs.bluegreen.dev/promote=\"$(date -u +%FT%TZ)\""));
        assertThat(phaseOf(client, "orders", "orders-api")).isEqualTo(Phase.AwaitingPromotion);
        promote(client, "orders", "orders-api");

        // search-api's cloudWatch check runs every 30 s of the operator's clock, and `run` keeps
        // the wall clock while the simulator's canary lasts a few wall seconds: the check decides
        // from the one run it had (no datapoints yet) and never holds the shift, so the regression
        // only the check would catch goes through here. The all-in-one demo, whose operator shares
        // the simulator's clock, rolls it back.
        await()
            .atMost(Duration.ofSeconds(90))
            .untilAsserted(
                () ->
                    assertThat(phases(client))
                        .isEqualTo(
                            Map.of(
                                "payments/checkout-api", "Succeeded",
                                "orders/orders-api", "Succeeded",
                                "payments/payments-worker", "Succeeded",
                                "inventory/inventory-api", "RolledBack",
                                "shop/cart-api", "Succeeded",
                                "search/search-api", "Succeeded")));
        var expected = expectedPhases(client);
        expected.put("search/search-api", "Succeeded");
        assertThat(phases(client)).isEqualTo(expected);
      }
      assertThat(deploymentsPerGroup(codeDeploy))
          .isEqualTo(
              Map.of(
                  "checkout-api/checkout-api-dg", 1L,
                  "orders-api/orders-api-dg", 1L,
                  "payments-worker/payments-worker-dg", 1L,
                  "inventory-api/inventory-api-dg", 1L,
                  "search-api/search-api-dg", 1L));
    }
    // The embedded process showed the progress the user's operator made, on its own refresh.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(output())
                    .contains("payments/checkout-api phase=Succeeded")
                    .contains("inventory/inventory-api phase=RolledBack"));
    assertThat(output()).doesNotContain("Summary");
    assertThat(embeddedFailure.get()).isNull();
  }

  private void startEmbedded(Path kubeconfig) {
    var settings =
        new DemoSettings(
            List.of(),
            MINUTE_MILLIS,
            Duration.ofSeconds(120),
            true,
            false,
            kubeconfig,
            0,
            0,
            false,
            Duration.ofMillis(300));
    var out = new PrintStream(output, true, StandardCharsets.UTF_8);
    embedded =
        new Thread(
            () -> {
              try {
                new EmbeddedDemo(settings, EmbeddedCommand.launcher(MINUTE_MILLIS), out).run();
              } catch (InterruptedException e) {
                // Stopped, as Ctrl-C stops it.
              } catch (Throwable e) {
                embeddedFailure.set(e);
              }
            },
            "embedded-no-operator");
    embedded.start();
  }

  /** The arguments after `run` on the line the embedded process prints for the user to paste. */
  private List<String> printedRunArguments() {
    var line =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> printedLine(" run --kubeconfig "), found -> !found.isEmpty());
    var words = Arrays.asList(line.trim().split("\\s+"));
    assertThat(words.subList(0, 2)).containsExactly("java", "-jar");
    return words.subList(words.indexOf("run") + 1, words.size());
  }

  /** The SDK's default chain reads these system properties as it reads the printed env vars. */
  private void exportPrintedCredentials() {
    var exported =
        Arrays.stream(printedLine("export AWS_ACCESS_KEY_ID=").trim().split("\\s+"))
            .filter(word -> word.contains("="))
            .map(word -> word.split("=", 2))
            .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    System.setProperty("aws.accessKeyId", exported.get("AWS_ACCESS_KEY_ID"));
    System.setProperty("aws.secretAccessKey", exported.get("AWS_SECRET_ACCESS_KEY"));
  }

  private String printedLine(String containing) {
    return output().lines().filter(l -> l.contains(containing)).findFirst().orElse("");
  }

  private String output() {
    return output.toString(StandardCharsets.UTF_8);
  }

  private static String argument(List<String> arguments, String option) {
    return arguments.get(arguments.indexOf(option) + 1);
  }

  private static boolean nobodyActed(KubernetesClient client, CodeDeployClient codeDeploy) {
    var releases = releases(client);
    return releases.size() == 6
        && releases.stream().allMatch(r -> r.getStatus() == null)
        && codeDeploy.listDeployments().deployments().isEmpty();
  }

  private static List<EcsBlueGreenRelease> releases(KubernetesClient client) {
    return client.resources(EcsBlueGreenRelease.class).inAnyNamespace().list().getItems();
  }

  private static Phase phaseOf(KubernetesClient client, String namespace, String name) {
    var release =
        client.resources(EcsBlueGreenRelease.class).inNamespace(namespace).withName(name).get();
    return release.getStatus() == null ? null : release.getStatus().phase();
  }

  private static Map<String, String> phases(KubernetesClient client) {
    var phases = new HashMap<String, String>();
    for (var release : releases(client)) {
      var status = release.getStatus();
      phases.put(
          key(release), status == null || status.phase() == null ? "" : status.phase().name());
    }
    return phases;
  }

  private static Map<String, String> expectedPhases(KubernetesClient client) {
    var expected = new HashMap<String, String>();
    for (var release : releases(client)) {
      expected.put(
          key(release),
          release.getMetadata().getAnnotations().getOrDefault(EXPECTED_PHASE, "Succeeded"));
    }
    return expected;
  }

  private static String key(EcsBlueGreenRelease release) {
    return release.getMetadata().getNamespace() + "/" + release.getMetadata().getName();
  }

  /** As `kubectl annotate release … ecs.bluegreen.dev/promote=true` does. */
  private static void promote(KubernetesClient client, String namespace, String name) {
    client
        .resources(EcsBlueGreenRelease.class)
        .inNamespace(namespace)
        .withName(name)
        .edit(
            release -> {
              release.getMetadata().getAnnotations().put("ecs.bluegreen.dev/promote", "true");
              return release;
            });
  }

  /** Deployments the operator created, by application/group; CodeDeploy's rollbacks left out. */
  private static Map<String, Long> deploymentsPerGroup(CodeDeployClient codeDeploy) {
    var ids = codeDeploy.listDeployments().deployments();
    return codeDeploy.batchGetDeployments(b -> b.deploymentIds(ids)).deploymentsInfo().stream()
        .filter(d -> !"codeDeployRollback".equals(d.creatorAsString()))
        .collect(
            Collectors.groupingBy(
                (DeploymentInfo d) -> d.applicationName() + "/" + d.deploymentGroupName(),
                Collectors.counting()));
  }

  private static KubernetesClient clientFor(Path kubeconfig) throws Exception {
    var config = Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString());
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static CodeDeployClient codeDeployAt(URI endpoint) {
    return CodeDeployClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }
}
