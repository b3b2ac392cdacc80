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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookStage;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;

/**
 * 1,000 concurrent ECS canary service deployments (10 % for 5 minutes, a Lambda hook after test
 * traffic, 5 minutes of bake time) at one simulated minute per 100 ms: UpdateService on each
 * service, then DescribeServiceDeployments of 20 until every one is SUCCESSFUL. Prints the figures
 * the module README quotes.
 *
 * <p>Run: {@code mvn -B -pl simulator verify -Dbenchmark.exclude=none -Dgroups=benchmark
 * -Dtest=EcsServiceDeploymentsBenchmark}
 */
@Tag("benchmark")
class EcsServiceDeploymentsBenchmark {

  private static final int SERVICES = Integer.getInteger("bench.deployments", 1000);
  private static final double MINUTE_MS =
      Double.parseDouble(System.getProperty("bench.minuteMs", "100"));
  private static final int CLIENT_THREADS = 8;
  private static final Set<ServiceDeploymentStatus> ENDED =
      Set.of(
          ServiceDeploymentStatus.SUCCESSFUL,
          ServiceDeploymentStatus.STOPPED,
          ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL,
          ServiceDeploymentStatus.ROLLBACK_FAILED);

  private static World world() {
    var builder =
        World.builder()
            .cluster("bench")
            .taskDefinition(new World.TaskDefinitionSpec("svc", null, null, null, Map.of(), 2))
            .dataPlane(false)
            .function("ok", World.Behaviour.SUCCEED);
    for (int i = 0; i < SERVICES; i++) {
      builder.loadBalancer("lb-" + i, "blue-" + i, "green-" + i);
      builder.ecsService("bench", "svc-" + i, "svc:1", "blue-" + i, "green-" + i, 2);
    }
    return builder.build();
  }

  @Test
  void thousandConcurrentCanaryServiceDeploymentsComplete() throws Exception {
    ScaledClock clock = ScaledClock.minuteLasts(MINUTE_MS);
    try (var sim = Simulator.start(world(), clock);
        var ecs =
            EcsClient.builder()
                .endpointOverride(sim.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(SimulatorFixture.credentials("AKIDBENCH"))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
      ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
      List<Long> updateMicros = Collections.synchronizedList(new ArrayList<>());
      long wallStart = System.nanoTime();
      Instant simStart = clock.now();
      List<Future<String>> started = new ArrayList<>();
      for (int i = 0; i < SERVICES; i++) {
        String service = "svc-" + i;
        started.add(
            pool.submit(
                () -> {
                  long t0 = System.nanoTime();
                  String arn =
                      ecs.updateService(
                              b ->
                                  b.cluster("bench")
                                      .service(service)
                                      .taskDefinition("svc:2")
                                      .deploymentConfiguration(
                                          c ->
                                              c.strategy(DeploymentStrategy.CANARY)
                                                  .bakeTimeInMinutes(5)
                                                  .canaryConfiguration(
                                                      k ->
                                                          k.canaryPercent(10.0)
                                                              .canaryBakeTimeInMinutes(5))
                                                  .lifecycleHooks(
                                                      h ->
                                                          h.hookTargetArn(
                                                                  "arn:aws:lambda:us-east-1:"
                                                                      + "123456789012:function:ok")
                                                              .roleArn(EcsNativeFixture.HOOK_ROLE)
                                                              .lifecycleStages(
                                                                  DeploymentLifecycleHookStage
                                                                      .POST_TEST_TRAFFIC_SHIFT))))
                          .service()
                          .currentServiceDeployment();
                  updateMicros.add((System.nanoTime() - t0) / 1000);
                  return arn;
                }));
      }
      List<String> arns = new ArrayList<>();
      for (Future<String> f : started) {
        arns.add(f.get());
      }
      long startedNanos = System.nanoTime() - wallStart;

      Map<String, ServiceDeployment> finished = new ConcurrentHashMap<>();
      int pollRounds = 0;
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (finished.size() < arns.size() && System.nanoTime() < deadline) {
        pollRounds++;
        List<String> pending = arns.stream().filter(a -> !finished.containsKey(a)).toList();
        List<Future<?>> polls = new ArrayList<>();
        for (int from = 0; from < pending.size(); from += 20) {
          List<String> batch = pending.subList(from, Math.min(pending.size(), from + 20));
          polls.add(
              pool.submit(
                  () ->
                      ecs
                          .describeServiceDeployments(b -> b.serviceDeploymentArns(batch))
                          .serviceDeployments()
                          .stream()
                          .filter(d -> ENDED.contains(d.status()))
                          .forEach(d -> finished.put(d.serviceDeploymentArn(), d))));
        }
        for (Future<?> poll : polls) {
          poll.get();
        }
      }
      long wallNanos = System.nanoTime() - wallStart;
      Instant simEnd = clock.now();
      pool.shutdown();

      List<Long> latencies = new ArrayList<>(updateMicros);
      Collections.sort(latencies);
      long succeeded =
          finished.values().stream()
              .filter(d -> d.status() == ServiceDeploymentStatus.SUCCESSFUL)
              .count();
      Duration longest =
          finished.values().stream()
              .map(d -> Duration.between(d.createdAt(), d.finishedAt()))
              .max(Duration::compareTo)
              .orElse(Duration.ZERO);
      System.out.printf(
          """
          ==== EcsServiceDeploymentsBenchmark ====
          cores                       %d
          deployments                 %d (canary 10%%/5 min, POST_TEST_TRAFFIC_SHIFT hook, 5 min bake)
          time scale                  1 simulated minute = %.0f ms wall
          started all in              %d ms wall (%.0f UpdateService/s)
          UpdateService latency       p50 %.1f ms, p99 %.1f ms, max %.1f ms
          all finished after          %d ms wall, %s simulated
          ... after the last update   %d ms wall (one deployment lasts %d ms wall by the model)
          longest deployment          %s simulated
          succeeded                   %d of %d
          poll rounds                 %d (DescribeServiceDeployments of 20)
          API calls answered          %d
          ========================================
          """,
          Runtime.getRuntime().availableProcessors(),
          SERVICES,
          MINUTE_MS,
          startedNanos / 1_000_000,
          SERVICES / (startedNanos / 1e9),
          percentile(latencies, 0.50) / 1000.0,
          percentile(latencies, 0.99) / 1000.0,
          latencies.get(latencies.size() - 1) / 1000.0,
          wallNanos / 1_000_000,
          Duration.between(simStart, simEnd).withNanos(0),
          (wallNanos - startedNanos) / 1_000_000,
          (long) (longest.toMillis() / 60_000.0 * MINUTE_MS),
          longest.withNanos(0),
          succeeded,
          SERVICES,
          pollRounds,
          sim.calls().size());
      assertThat(succeeded).isEqualTo(SERVICES);
    }
  }

  private static long percentile(List<Long> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
  }
}
