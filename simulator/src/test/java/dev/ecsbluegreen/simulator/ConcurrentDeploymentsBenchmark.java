package dev.ecsbluegreen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.simulator.world.ScaledClock;
import dev.ecsbluegreen.simulator.world.World;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;

/**
 * 1,000 concurrent canary deployments at one simulated minute per 100 ms, driven through the SDK
 * the way an operator would: create them all, then poll with BatchGetDeployments until every one
 * has succeeded. Prints the figures the module README quotes.
 *
 * <p>Run: {@code mvn -B -o -pl simulator verify -Dbenchmark.exclude=none -Dgroups=benchmark
 * -Dtest=ConcurrentDeploymentsBenchmark}
 */
@Tag("benchmark")
class ConcurrentDeploymentsBenchmark {

  private static final int DEPLOYMENTS = Integer.getInteger("bench.deployments", 1000);
  private static final double MINUTE_MS =
      Double.parseDouble(System.getProperty("bench.minuteMs", "100"));
  private static final int CLIENT_THREADS = 8;

  private static World world() {
    var builder = World.builder().cluster("bench").taskDefinition("svc", Map.of()).dataPlane(false);
    var groups = new ArrayList<World.DeploymentGroupSpec>();
    for (int i = 0; i < DEPLOYMENTS; i++) {
      builder.loadBalancer("lb-" + i, "blue-" + i, "green-" + i);
      builder.service("bench", "svc-" + i, "svc:1", "blue-" + i, 2);
      groups.add(
          new World.DeploymentGroupSpec(
              "dg-" + i,
              "bench",
              "svc-" + i,
              List.of("blue-" + i, "green-" + i),
              null,
              true,
              "CodeDeployDefault.ECSCanary10Percent5Minutes",
              5,
              null,
              List.of("DEPLOYMENT_FAILURE"),
              List.of(),
              null));
    }
    return builder
        .application(new World.ApplicationSpec("bench", groups))
        .function("CodeDeployHook_ok", World.Behaviour.SUCCEED)
        .build();
  }

  @Test
  void thousandConcurrentCanaryDeploymentsComplete() throws Exception {
    World world = world();
    ScaledClock clock = ScaledClock.minuteLasts(MINUTE_MS);
    try (var sim = Simulator.start(world, clock);
        CodeDeployClient client = SimulatorFixture.codeDeployClient(sim.endpoint(), "AKIDBENCH")) {
      String content =
          SimulatorFixture.appSpec(
              "arn:aws:ecs:us-east-1:123456789012:task-definition/svc:1",
              SimulatorFixture.hooks("AfterAllowTestTraffic", "CodeDeployHook_ok"));
      ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
      List<Long> createLatenciesMicros = Collections.synchronizedList(new ArrayList<>());
      long wallStart = System.nanoTime();
      Instant simStart = clock.now();
      List<Future<String>> created = new ArrayList<>();
      for (int i = 0; i < DEPLOYMENTS; i++) {
        String group = "dg-" + i;
        created.add(
            pool.submit(
                () -> {
                  long t0 = System.nanoTime();
                  String id =
                      client
                          .createDeployment(
                              b ->
                                  b.applicationName("bench")
                                      .deploymentGroupName(group)
                                      .revision(
                                          r ->
                                              r.revisionType("AppSpecContent")
                                                  .appSpecContent(a -> a.content(content))))
                          .deploymentId();
                  createLatenciesMicros.add((System.nanoTime() - t0) / 1000);
                  return id;
                }));
      }
      List<String> ids = new ArrayList<>();
      for (Future<String> f : created) {
        ids.add(f.get());
      }
      long createdNanos = System.nanoTime() - wallStart;

      Map<String, DeploymentInfo> finished = new ConcurrentHashMap<>();
      int pollRounds = 0;
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (finished.size() < ids.size() && System.nanoTime() < deadline) {
        pollRounds++;
        List<String> pending = ids.stream().filter(id -> !finished.containsKey(id)).toList();
        List<Future<?>> polls = new ArrayList<>();
        for (int from = 0; from < pending.size(); from += 25) {
          List<String> batch = pending.subList(from, Math.min(pending.size(), from + 25));
          polls.add(
              pool.submit(
                  () ->
                      client
                          .batchGetDeployments(b -> b.deploymentIds(batch))
                          .deploymentsInfo()
                          .forEach(
                              d -> {
                                if (d.status() == DeploymentStatus.SUCCEEDED
                                    || d.status() == DeploymentStatus.FAILED
                                    || d.status() == DeploymentStatus.STOPPED) {
                                  finished.put(d.deploymentId(), d);
                                }
                              })));
        }
        for (Future<?> poll : polls) {
          poll.get();
        }
      }
      long wallNanos = System.nanoTime() - wallStart;
      Instant simEnd = clock.now();
      pool.shutdown();

      List<Long> latencies = new ArrayList<>(createLatenciesMicros);
      Collections.sort(latencies);
      long succeeded =
          finished.values().stream().filter(d -> d.status() == DeploymentStatus.SUCCEEDED).count();
      Duration simulatedLongest =
          finished.values().stream()
              .map(d -> Duration.between(d.createTime(), d.completeTime()))
              .max(Duration::compareTo)
              .orElse(Duration.ZERO);
      System.out.printf(
          """
          ==== ConcurrentDeploymentsBenchmark ====
          cores                       %d
          deployments                 %d (canary 10%%/5 min, test-traffic hook, 5 min blue wait)
          time scale                  1 simulated minute = %.0f ms wall
          created all in              %d ms wall (%.0f CreateDeployment/s)
          CreateDeployment latency    p50 %.1f ms, p99 %.1f ms, max %.1f ms
          all finished after          %d ms wall, %s simulated
          ... after the last create   %d ms wall (one deployment lasts %d ms wall by the model)
          longest deployment          %s simulated
          succeeded                   %d of %d
          poll rounds                 %d (BatchGetDeployments of 25)
          API calls answered          %d
          ========================================
          """,
          Runtime.getRuntime().availableProcessors(),
          DEPLOYMENTS,
          MINUTE_MS,
          createdNanos / 1_000_000,
          DEPLOYMENTS / (createdNanos / 1e9),
          percentile(latencies, 0.50) / 1000.0,
          percentile(latencies, 0.99) / 1000.0,
          latencies.get(latencies.size() - 1) / 1000.0,
          wallNanos / 1_000_000,
          Duration.between(simStart, simEnd).withNanos(0),
          (wallNanos - createdNanos) / 1_000_000,
          (long) (simulatedLongest.toMillis() / 60_000.0 * MINUTE_MS),
          simulatedLongest.withNanos(0),
          succeeded,
          DEPLOYMENTS,
          pollRounds,
          sim.calls().size());
      assertThat(succeeded).isEqualTo(DEPLOYMENTS);
    }
  }

  private static long percentile(List<Long> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
  }
}
