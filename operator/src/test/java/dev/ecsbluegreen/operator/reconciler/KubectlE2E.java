package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.fixtures.Kubectl;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.operator.fixtures.RealApiServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What users and CI pipelines run with kubectl against a real API server while a release runs: a
 * watch ({@code kubectl get releases -w}) and the waits the README and the operations guide
 * document, run as written there (only the namespace is the test's).
 */
@OnRealApiServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlE2E {
  /** The release the documentation's commands name. */
  static final String DOCUMENTED = "checkout-api";

  KubernetesUnderTest kubernetes;
  OperatorHarness harness;
  Kubectl kubectl;

  @BeforeAll
  void start() {
    kubernetes = KubernetesUnderTest.realServer("kubectl");
    harness = new OperatorHarness(kubernetes, DOCUMENTED, "watched");
    kubectl = Kubectl.forRealServer();
  }

  @AfterAll
  void stop() {
    harness.close();
  }

  @Test
  void getWatchShowsEveryPhaseAsItHappens() {
    harness.createGroup("watched", 0);
    // Created while no operator runs, so the watch is open before the first phase is written.
    harness.stopOperator();
    harness.apply(release("watched").build());
    try (var watch = kubectl.start("get", "releases", "-n", kubernetes.namespace(), "-w")) {
      await().atMost(Duration.ofSeconds(20)).until(() -> !rows(watch.lines()).isEmpty());
      harness.startOperator();
      harness.awaitPhase("watched", Phase.Succeeded);
      var succeededAt = Instant.now();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> phases(watch.lines()).contains("Succeeded"));

      var lines = watch.lines();
      assertThat(lines.get(0).text().split("\\s+"))
          .containsSubsequence("NAME", "PHASE", "GREEN", "TASKDEF", "DEPLOYMENT", "AGE");
      assertThat(phases(lines))
          .containsSubsequence("Pending", "RegisteringTaskDefinition", "Deploying", "Succeeded");
      // Live, not replayed at the end: the green task set was being installed before it was done.
      assertThat(arrival(lines, "Deploying")).isBefore(succeededAt);
      var rows = rows(lines);
      var status = harness.status("watched");
      assertThat(rows.get(rows.size() - 1).text().split("\\s+"))
          .contains("Succeeded", "100", status.taskDefinition(), status.deploymentId());
    }
  }

  @Test
  void documentedWaitsSucceedWhenReleasedAndTimeOutWhileNot() throws IOException {
    harness.createGroup(harness.groupShape(DOCUMENTED, 0, "STOP_DEPLOYMENT", 600));
    var manifest = release(DOCUMENTED).namespace(kubernetes.namespace()).manualPromotion().build();
    Files.createDirectories(kubectl.workDir().resolve("releases"));
    Files.writeString(
        kubectl.workDir().resolve("releases/" + DOCUMENTED + ".yaml"),
        Serialization.asYaml(manifest));

    // The operations guide's pipeline: apply, wait for the generation, wait for Ready.
    try (var pipeline = kubectl.startScript(documented(operationsGuidePipeline()))) {
      harness.awaitPhase(DOCUMENTED, Phase.AwaitingPromotion);

      assertThat(pipeline.isAlive()).as("the pipeline waits while the release is gated").isTrue();
      var readyWhileGated = kubectl.runScript(shortTimeout(readmeWait("condition=Ready")));
      assertThat(readyWhileGated.exitCode()).isNotZero();
      assertThat(readyWhileGated.stderr()).contains("timed out");

      harness.annotate(DOCUMENTED, Actions.PROMOTE);
      harness.awaitPhase(DOCUMENTED, Phase.Succeeded);
      var done = pipeline.await(Duration.ofSeconds(30));
      assertThat(done.exitCode()).as(done.stderr()).isZero();
      assertThat(done.stdout()).contains("condition met");
    }
    var readyWhenReleased = kubectl.runScript(readmeWait("condition=Ready"));
    assertThat(readyWhenReleased.exitCode()).as(readyWhenReleased.stderr()).isZero();

    // A new commit the operator has not seen yet: no wait may report the old generation's Ready.
    harness.stopOperator();
    harness.update(DOCUMENTED, spec -> release(DOCUMENTED).manualPromotion().image("web:3").spec());
    var generationNotSeen = kubectl.runScript(shortTimeout(readmeWait("observedGeneration")));
    assertThat(generationNotSeen.exitCode()).isNotZero();
    assertThat(generationNotSeen.stderr()).contains("timed out");
    // kubectl wait skips a condition whose observedGeneration is older than the generation.
    var readyOfTheOldGeneration = kubectl.runScript(shortTimeout(readmeWait("condition=Ready")));
    assertThat(readyOfTheOldGeneration.exitCode()).isNotZero();
    assertThat(readyOfTheOldGeneration.stderr()).contains("timed out");

    try (var generationWait = kubectl.startScript(documented(readmeWait("observedGeneration")))) {
      harness.startOperator();
      var seen = generationWait.await(Duration.ofSeconds(30));
      assertThat(seen.exitCode()).as(seen.stderr()).isZero();
      assertThat(harness.status(DOCUMENTED).observedGeneration()).isEqualTo(2L);
    }
  }

  /** The lines a watch printed for the watched release. */
  private static List<Kubectl.Running.Line> rows(List<Kubectl.Running.Line> lines) {
    return lines.stream().filter(l -> l.text().startsWith("watched ")).toList();
  }

  /** The phases a watch printed for the watched release, in order, each change once. */
  private static List<String> phases(List<Kubectl.Running.Line> lines) {
    var phases = new ArrayList<String>();
    var names = Arrays.stream(Phase.values()).map(Enum::name).collect(Collectors.toSet());
    for (var line : rows(lines)) {
      var columns = line.text().split("\\s+");
      if (columns.length > 1 && names.contains(columns[1])) {
        if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(columns[1])) {
          phases.add(columns[1]);
        }
      }
    }
    return phases;
  }

  private static Instant arrival(List<Kubectl.Running.Line> lines, String phase) {
    return rows(lines).stream()
        .filter(l -> l.text().contains(" " + phase + " "))
        .findFirst()
        .orElseThrow()
        .at();
  }

  /** The operations guide's "waiting in a CI pipeline" snippet. */
  private static String operationsGuidePipeline() throws IOException {
    var guide = Files.readString(RealApiServer.repository().resolve("docs/operations.md"));
    var matcher =
        Pattern.compile("```sh\\n(kubectl apply -f releases/.*?)```", Pattern.DOTALL)
            .matcher(guide);
    assertThat(matcher.find()).as("the operations guide's pipeline snippet").isTrue();
    return matcher.group(1);
  }

  /** The README's {@code kubectl wait} line containing {@code marker}. */
  private String readmeWait(String marker) throws IOException {
    var readme = Files.readString(RealApiServer.repository().resolve("README.md"));
    var line =
        readme
            .lines()
            .filter(l -> l.startsWith("kubectl wait") && l.contains(marker))
            .findFirst()
            .orElseThrow(() -> new AssertionError("README has no kubectl wait for " + marker));
    return documented(line);
  }

  /** A documented command for this test's namespace (the docs use payments). */
  private String documented(String command) {
    return command.replace("payments", kubernetes.namespace());
  }

  /** The command with a timeout short enough for a test to see it expire. */
  private static String shortTimeout(String command) {
    var shortened = command.replaceAll("--timeout=\\S+", "--timeout=3s");
    return shortened.equals(command) ? command + " --timeout=3s" : shortened;
  }
}
