package dev.ecsbluegreen.operator.benchmark;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.fixtures.Lanes;
import dev.ecsbluegreen.operator.fixtures.RealApiServer;
import dev.ecsbluegreen.simulator.Simulator;
import dev.ecsbluegreen.simulator.world.ScaledClock;
import dev.ecsbluegreen.simulator.world.World;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The time from the operator's JVM start to its first status write, alone and several times over:
 * each round starts the packaged jar in {@code run} mode (with the image's JVM flags) on a real
 * kube-apiserver against one release that has no status yet, and stops it once the release's status
 * appears on a watch. The release benchmark measures the same once per run among N releases; this
 * one repeats it, so a change to start-up can be compared on the same load. A benchmark, not a
 * test: {@code mvn -B -q -pl operator -am verify -Pbenchmark -DskipTests
 * -Dbenchmark.test=StartupBenchmark -Dbenchmark.rounds=5}, optionally with {@code
 * -Dbenchmark.baselineJar=FILE}, a jar to compare with round by round; see docs/performance.md.
 */
class StartupBenchmark {
  @Test
  void jvmStartToFirstStatusWrite() throws Exception {
    int rounds = Integer.getInteger("benchmark.rounds", 5);
    var jars = new ArrayList<Path>();
    String baseline = System.getProperty("benchmark.baselineJar", "");
    if (!baseline.isBlank()) {
      jars.add(Path.of(baseline));
    }
    jars.add(Path.of(System.getProperty("benchmark.jar", "target/ecs-bluegreen-operator.jar")));
    var server = RealApiServer.get();
    var world = World.builder().cluster("prod");
    Lanes.add(world, "s0001");
    String loadAtStart = loadAverage();
    Map<Path, List<Double>> seconds = new LinkedHashMap<>();
    jars.forEach(jar -> seconds.put(jar, new ArrayList<>()));
    try (var sim = Simulator.start(world.dataPlane(false).build(), ScaledClock.ofSpeed(1.0));
        var client = server.newAdminClient()) {
      Path kubeconfig = Files.createTempFile("startup", ".kubeconfig");
      Files.writeString(kubeconfig, server.kubeconfigYaml());
      // Jars alternate round by round, so a baseline and a change see the same load.
      for (int round = 1; round <= rounds; round++) {
        for (int j = 0; j < jars.size(); j++) {
          Path jar = jars.get(j);
          String log = "benchmark-startup-%d-%d.log".formatted(round, j);
          seconds.get(jar).add(firstStatusWrite(server, client, sim, kubeconfig, jar, log));
        }
      }
    }
    String report = report(seconds, loadAtStart, loadAverage());
    System.out.println(report);
    Files.writeString(Path.of("target", "benchmark-startup.md"), report, StandardCharsets.UTF_8);
  }

  /** Seconds from one fresh operator JVM's start to its first status write. */
  private static double firstStatusWrite(
      RealApiServer server,
      KubernetesClient client,
      Simulator sim,
      Path kubeconfig,
      Path jar,
      String log)
      throws Exception {
    String namespace = server.newNamespace("startup");
    var releases = client.resources(EcsBlueGreenRelease.class).inNamespace(namespace);
    releases
        .resource(release("s0001").namespace(namespace).image("example/s0001:2").build())
        .create();
    var firstStatus = new CompletableFuture<Instant>();
    try (var watch = releases.watch(statusWatcher(firstStatus))) {
      Process operator = OperatorProcess.start(jar, kubeconfig, sim, namespace, log, List.of());
      try {
        Instant written = firstStatus.get(120, TimeUnit.SECONDS);
        Instant jvmStart = operator.info().startInstant().orElseThrow();
        return Duration.between(jvmStart, written).toMillis() / 1000.0;
      } finally {
        operator.destroy();
        operator.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private static Watcher<EcsBlueGreenRelease> statusWatcher(CompletableFuture<Instant> first) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, EcsBlueGreenRelease release) {
        if (release.getStatus() != null) {
          first.complete(Instant.now());
        }
      }

      @Override
      public void onClose(WatcherException cause) {
        first.completeExceptionally(cause);
      }
    };
  }

  private static String report(
      Map<Path, List<Double>> seconds, String loadAtStart, String loadAtEnd) {
    var table =
        new StringBuilder("JVM start to first status write, one release, a fresh JVM each\n\n");
    table.append("| jar | rounds (s) | median | min | max |\n|---|---|---|---|---|\n");
    seconds.forEach(
        (jar, values) -> {
          var sorted = values.stream().sorted().toList();
          table.append(
              "| %s | %s | %.2f s | %.2f s | %.2f s |%n"
                  .formatted(
                      OperatorProcess.archive(jar)
                          .map(archive -> jar + " + " + archive.getFileName())
                          .orElse(jar.toString()),
                      String.join(", ", values.stream().map(v -> "%.2f".formatted(v)).toList()),
                      sorted.get(sorted.size() / 2),
                      sorted.get(0),
                      sorted.get(sorted.size() - 1)));
        });
    table.append(
        "%nJVM flags %s; %d cores, Java %s; load average %s at the start, %s at the end%n"
            .formatted(
                System.getProperty("benchmark.jvmFlags", "none"),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                loadAtStart,
                loadAtEnd));
    return table.toString();
  }

  /** The 1-minute load average, where the machine tells it (Linux). */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
