package dev.ecsbluegreen.operator.benchmark;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.aws.AwsClientSettings;
import dev.ecsbluegreen.operator.aws.AwsGuardSettings;
import dev.ecsbluegreen.operator.aws.AwsGuards;
import dev.ecsbluegreen.operator.aws.AwsSdkAccess;
import dev.ecsbluegreen.operator.fixtures.Lanes;
import dev.ecsbluegreen.operator.fixtures.RealApiServer;
import dev.ecsbluegreen.simulator.Simulator;
import dev.ecsbluegreen.simulator.http.ApiCall;
import dev.ecsbluegreen.simulator.world.ScaledClock;
import dev.ecsbluegreen.simulator.world.World;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * N releases through the operator's {@code run} mode (its own JVM, the packaged jar) on a real
 * kube-apiserver and the simulator at time scale 1, with the AWS SDK's own deployment waiter (the
 * AWS CLI's {@code deploy wait deployment-successful}: GetDeployment every 15 s) started on every
 * deployment the operator creates, and both measured side by side. The operator polls, or with
 * {@code -Dbenchmark.events=true} also reads CodeDeploy's pushed state changes from an SQS queue
 * ({@link BenchmarkEventsQueue}), optionally losing a fraction of them ({@link BenchmarkSettings}).
 * A benchmark, not a test: it runs only in the {@code benchmark} Maven profile and asserts nothing;
 * see docs/performance.md.
 */
class ReleaseBenchmark {
  static final Set<String> MUTATIONS =
      Set.of(
          "CreateDeployment",
          "RegisterTaskDefinition",
          "StopDeployment",
          "ContinueDeployment",
          "CreateDeploymentConfig",
          "CreateApplication",
          "CreateDeploymentGroup",
          "UpdateDeploymentGroup");
  static final Set<String> PREPARING_READS =
      Set.of(
          "DescribeServices",
          "BatchGetDeploymentGroups",
          "GetDeploymentGroup",
          "ListDeployments",
          "ListTaskDefinitions",
          "DescribeTaskDefinition",
          "GetDeploymentConfig");
  static final String OPERATOR_KEY = OperatorProcess.OPERATOR_KEY;
  static final String WAITER_KEY = "AKIDWAITER";
  static final String DRIVER_KEY = "AKIDDRIVER";
  static final Duration REST_WINDOW = Duration.ofSeconds(60);
  static final String SQS = "sqs";

  private final Map<String, Instant> firstStatus = new ConcurrentHashMap<>();
  private final Map<String, String> deploymentOf = new ConcurrentHashMap<>();
  private final Map<String, Instant> succeededSeen = new ConcurrentHashMap<>();
  private final Map<String, Instant> waiterDone = new ConcurrentHashMap<>();
  private String loadAtStart;

  @Test
  void releasesSideBySideWithTheSdkWaiter() throws Exception {
    var settings = BenchmarkSettings.fromSystemProperties();
    int n = settings.releases();
    loadAtStart = loadAverage();
    Path jar = Path.of(System.getProperty("benchmark.jar", "target/ecs-bluegreen-operator.jar"));
    var lanes = IntStream.rangeClosed(1, n).mapToObj(i -> "b%04d".formatted(i)).toList();
    var server = RealApiServer.get();
    String namespace = server.newNamespace("bench");
    var world =
        World.builder().cluster("prod").function("CodeDeployHook_ok", World.Behaviour.SUCCEED);
    lanes.forEach(lane -> Lanes.add(world, lane));
    try (var sim = Simulator.start(world.dataPlane(false).build(), ScaledClock.ofSpeed(1.0));
        var driver = access(sim, DRIVER_KEY);
        var waiters = codeDeploy(sim, WAITER_KEY);
        var reader = codeDeploy(sim, DRIVER_KEY);
        var queues = sqs(sim, DRIVER_KEY);
        var client = server.newAdminClient()) {
      String queueUrl =
          settings.events()
              ? BenchmarkEventsQueue.create(sim, queues, settings.eventDrops())
              : null;
      var groups = driver.forTarget(null).deploymentGroups();
      for (String lane : lanes) {
        var group = Lanes.group(sim, lane, 0, "CONTINUE_DEPLOYMENT", null);
        groups.ensureApplication(group.application());
        groups.createGroup(group);
      }
      if (settings.awsThrottling()) {
        // After the setup, which AWS would throttle too but which is not what is measured.
        sim.faults().throttleLikeAws(OPERATOR_KEY);
      }
      ExecutorService waiting = Executors.newFixedThreadPool(n);
      var releases = client.resources(EcsBlueGreenRelease.class).inNamespace(namespace);
      try (var watch = releases.watch(watcher(waiting, waiters))) {
        Instant applied = Instant.now();
        for (String lane : lanes) {
          releases
              .resource(
                  release(lane)
                      .namespace(namespace)
                      .image("example/" + lane + ":2")
                      .canary(10, 1)
                      .hook("afterAllowTestTraffic", "CodeDeployHook_ok")
                      .build())
              .create();
        }
        Path kubeconfig = Files.createTempFile("benchmark", ".kubeconfig");
        Files.writeString(kubeconfig, server.kubeconfigYaml());
        // With events, every other events option at its default, as a user who only sets the
        // queue runs it.
        Process operator =
            OperatorProcess.start(
                jar,
                kubeconfig,
                sim,
                namespace,
                "benchmark-operator.log",
                queueUrl == null ? List.of() : List.of("--events-queue-url", queueUrl));
        try {
          awaitAllDone(n, operator);
          Instant done = Instant.now();
          Thread.sleep(REST_WINDOW.toMillis());
          var measured = new Measured(operator.pid(), heapAfterGcKb(operator.pid()), cpu(operator));
          var report =
              report(settings, sim.callLog().all(), reader, applied, done, operator, measured);
          System.out.println(report);
          Files.writeString(
              Path.of("target", settings.reportFileName()), report, StandardCharsets.UTF_8);
        } finally {
          operator.destroy();
          waiting.shutdownNow();
        }
      }
    }
  }

  private Watcher<EcsBlueGreenRelease> watcher(ExecutorService waiting, CodeDeployClient waiters) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, EcsBlueGreenRelease release) {
        Instant now = Instant.now();
        String name = release.getMetadata().getName();
        var status = release.getStatus();
        if (status == null) {
          return;
        }
        firstStatus.putIfAbsent(name, now);
        if (status.deploymentId() != null
            && deploymentOf.putIfAbsent(name, status.deploymentId()) == null) {
          String id = status.deploymentId();
          waiting.submit(
              () -> {
                waiters.waiter().waitUntilDeploymentSuccessful(r -> r.deploymentId(id));
                waiterDone.put(name, Instant.now());
              });
        }
        if (status.phase() == Phase.Succeeded) {
          succeededSeen.putIfAbsent(name, now);
        }
      }

      @Override
      public void onClose(WatcherException cause) {
        System.err.println("The release watch closed: " + cause);
      }
    };
  }

  private void awaitAllDone(int n, Process operator) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
    while (succeededSeen.size() < n || waiterDone.size() < n) {
      if (!operator.isAlive()) {
        throw new IllegalStateException("the operator exited: see target/benchmark-operator.log");
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "not done after 30 minutes: %d of %d Succeeded, %d waiters returned"
                .formatted(succeededSeen.size(), n, waiterDone.size()));
      }
      Thread.sleep(200);
    }
  }

  /** What the operator's JVM used: heap after a full GC (jcmd), CPU time. */
  record Measured(long pid, long heapAfterGcKb, Duration cpu) {}

  private static long heapAfterGcKb(long pid) throws IOException, InterruptedException {
    jcmd(pid, "GC.run");
    String info = jcmd(pid, "GC.heap_info");
    // G1 prints one heap line; the serial collector (the image's) prints its young and old
    // generations apart, the young one empty after the GC. Metaspace is not heap.
    var matcher =
        java.util.regex.Pattern.compile("(?:generation|heap)\\s+total \\d+K, used (\\d+)K")
            .matcher(info);
    long used = -1;
    while (matcher.find()) {
      used = Math.max(used, 0) + Long.parseLong(matcher.group(1));
    }
    return used;
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    String javaHome = System.getProperty("java.home");
    var process =
        new ProcessBuilder(Path.of(javaHome, "bin", "jcmd").toString(), Long.toString(pid), command)
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return out;
  }

  private static Duration cpu(Process operator) {
    return operator.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  private String report(
      BenchmarkSettings settings,
      List<ApiCall> allCalls,
      CodeDeployClient reader,
      Instant applied,
      Instant done,
      Process operator,
      Measured measured) {
    int n = settings.releases();
    // The events queue's long polls and deletes are per operator, not per deployment: counted
    // apart from the reads of CodeDeploy and ECS.
    List<ApiCall> calls = allCalls.stream().filter(c -> !SQS.equals(c.service())).toList();
    List<ApiCall> queueCalls = allCalls.stream().filter(c -> SQS.equals(c.service())).toList();
    List<DeploymentInfo> deployments = new ArrayList<>();
    var ids = List.copyOf(deploymentOf.values());
    for (int from = 0; from < ids.size(); from += 25) {
      var chunk = ids.subList(from, Math.min(ids.size(), from + 25));
      deployments.addAll(reader.batchGetDeployments(b -> b.deploymentIds(chunk)).deploymentsInfo());
    }
    Map<String, DeploymentInfo> byId = new ConcurrentHashMap<>();
    deployments.forEach(d -> byId.put(d.deploymentId(), d));
    List<Double> operatorLatency = new ArrayList<>();
    List<Double> waiterLatency = new ArrayList<>();
    double inFlightMinutes = 0;
    Instant lastCreated = applied;
    for (var entry : deploymentOf.entrySet()) {
      var info = byId.get(entry.getValue());
      inFlightMinutes +=
          Duration.between(info.createTime(), info.completeTime()).toMillis() / 60_000.0;
      if (info.createTime().isAfter(lastCreated)) {
        lastCreated = info.createTime();
      }
      operatorLatency.add(seconds(info.completeTime(), succeededSeen.get(entry.getKey())));
      waiterLatency.add(seconds(info.completeTime(), waiterDone.get(entry.getKey())));
    }
    long operatorReads = count(calls, OPERATOR_KEY, op -> !MUTATIONS.contains(op), null, null);
    long preparing = count(calls, OPERATOR_KEY, PREPARING_READS::contains, null, null);
    long waiterReads = count(calls, WAITER_KEY, op -> true, null, null);
    Instant restFrom = done;
    long atRest = count(calls, OPERATOR_KEY, op -> true, restFrom, restFrom.plus(REST_WINDOW));
    Instant jvmStart = operator.info().startInstant().orElse(applied);
    Instant firstWrite = firstStatus.values().stream().min(Instant::compareTo).orElse(null);
    Instant lastDone = succeededSeen.values().stream().max(Instant::compareTo).orElse(done);
    var byOperation = new java.util.TreeMap<String, Long>();
    allCalls.stream()
        .filter(c -> OPERATOR_KEY.equals(c.caller()))
        .forEach(c -> byOperation.merge(c.operation(), 1L, Long::sum));

    var table = new StringBuilder();
    table.append(
        "N = %d, %s, canary 10%% then the rest after 1 min, one hook, time scale 1%n%n"
            .formatted(n, settings.mode()));
    table.append("| | operator | SDK waiter (15 s) |\n|---|---|---|\n");
    row(
        table,
        "status latency p50 / p99 / max",
        percentiles(operatorLatency),
        percentiles(waiterLatency));
    row(
        table,
        "AWS reads per in-flight deployment-minute",
        "%.2f".formatted(operatorReads / inFlightMinutes),
        "%.2f".formatted(waiterReads / inFlightMinutes));
    row(
        table,
        "same, once the deployment exists",
        "%.2f".formatted((operatorReads - preparing) / inFlightMinutes),
        "%.2f".formatted(waiterReads / inFlightMinutes));
    row(
        table,
        "reads per release before its deployment exists",
        "%.2f".formatted(preparing / (double) n),
        "-");
    row(
        table,
        "heap after GC / CPU seconds",
        "%d MB / %.1f s"
            .formatted(measured.heapAfterGcKb() / 1024, measured.cpu().toMillis() / 1000.0),
        "-");
    row(
        table,
        "apply to every deployment created / to all Succeeded",
        "%.1f s / %.1f s".formatted(seconds(applied, lastCreated), seconds(applied, lastDone)),
        "-");
    row(table, "AWS calls per minute once all rest", Long.toString(atRest), "-");
    if (settings.events()) {
      row(
          table,
          "SQS calls: ReceiveMessage / DeleteMessageBatch (all), ReceiveMessage at rest",
          "%d / %d, %d"
              .formatted(
                  count(queueCalls, OPERATOR_KEY, "ReceiveMessage"::equals, null, null),
                  count(queueCalls, OPERATOR_KEY, "DeleteMessageBatch"::equals, null, null),
                  count(
                      queueCalls,
                      OPERATOR_KEY,
                      "ReceiveMessage"::equals,
                      restFrom,
                      restFrom.plus(REST_WINDOW))),
          "-");
    }
    List<ApiCall> operatorCalls =
        calls.stream().filter(c -> OPERATOR_KEY.equals(c.caller())).toList();
    var throttledByOperation =
        operatorCalls.stream()
            .filter(ReleaseBenchmark::throttled)
            .collect(
                Collectors.groupingBy(ApiCall::operation, TreeMap::new, Collectors.counting()));
    row(
        table,
        "throttling answers to the operator (CodeDeploy, ECS)"
            + (settings.awsThrottling() ? ", at AWS's rates" : ", none set"),
        throttledByOperation.isEmpty()
            ? "0"
            : "%d: %s"
                .formatted(
                    throttledByOperation.values().stream().mapToLong(Long::longValue).sum(),
                    throttledByOperation),
        "-");
    row(
        table,
        "most operator calls in any 1 s / 10 s: CodeDeploy; ECS",
        "%d / %d; %d / %d"
            .formatted(
                mostWithin(operatorCalls, "codedeploy", Duration.ofSeconds(1)),
                mostWithin(operatorCalls, "codedeploy", Duration.ofSeconds(10)),
                mostWithin(operatorCalls, "ecs", Duration.ofSeconds(1)),
                mostWithin(operatorCalls, "ecs", Duration.ofSeconds(10))),
        "-");
    row(
        table,
        "JVM start to first status write",
        firstWrite == null ? "-" : "%.1f s".formatted(seconds(jvmStart, firstWrite)),
        "-");
    table.append(
        "%nin-flight deployment-minutes: %.1f; operator calls by operation: %s%n"
            .formatted(inFlightMinutes, byOperation));
    table.append(
        "machine: %d cores, %s, Java %s; load average (1 min) %s at the start, %s at the end%n"
            .formatted(
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                System.getProperty("java.version"),
                loadAtStart,
                loadAverage()));
    return table.toString();
  }

  /**
   * Whether the simulator answered a call that it was throttled. With {@code
   * benchmark.awsThrottling} it throttles the operator at AWS's documented rates, and any count
   * above zero is a call the request budget let through that AWS would have refused; without, it
   * throttles only when a fault says so and none is set here. The row makes that visible rather
   * than assumed. The budget itself shows in the busiest windows.
   */
  private static boolean throttled(ApiCall call) {
    return call.outcome() != null && call.outcome().toLowerCase(Locale.ROOT).contains("throttl");
  }

  /** The most calls to one service that arrived within any window of this length. */
  private static long mostWithin(List<ApiCall> calls, String service, Duration window) {
    var times =
        calls.stream().filter(c -> service.equals(c.service())).map(ApiCall::at).sorted().toList();
    long most = 0;
    int first = 0;
    for (int last = 0; last < times.size(); last++) {
      while (!times.get(first).plus(window).isAfter(times.get(last))) {
        first++;
      }
      most = Math.max(most, last - first + 1);
    }
    return most;
  }

  /** The 1-minute load average, where the machine tells it (Linux). */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static void row(StringBuilder table, String name, String operator, String waiter) {
    table
        .append("| ")
        .append(name)
        .append(" | ")
        .append(operator)
        .append(" | ")
        .append(waiter)
        .append(" |\n");
  }

  private static String percentiles(List<Double> values) {
    var sorted = values.stream().sorted().toList();
    return "%.1f / %.1f / %.1f s"
        .formatted(at(sorted, 0.50), at(sorted, 0.99), sorted.get(sorted.size() - 1));
  }

  private static double at(List<Double> sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  private static long count(
      List<ApiCall> calls,
      String caller,
      java.util.function.Predicate<String> operation,
      Instant from,
      Instant to) {
    return calls.stream()
        .filter(c -> caller.equals(c.caller()))
        .filter(c -> operation.test(c.operation()))
        .filter(c -> from == null || !c.at().isBefore(from))
        .filter(c -> to == null || c.at().isBefore(to))
        .count();
  }

  /** The benchmark's own setup calls, not the operator's: no budget to queue them. */
  private static AwsSdkAccess access(Simulator sim, String key) {
    return new AwsSdkAccess(
        AwsClientSettings.defaults("us-east-1")
            .withEndpointOverride(sim.endpoint())
            .withCredentials(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(key, "x"))),
        List.of(),
        AwsGuards.unmetered(AwsGuardSettings.simulated(), Clock.systemUTC()));
  }

  private static SqsClient sqs(Simulator sim, String key) {
    return SqsClient.builder()
        .endpointOverride(sim.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, "x")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static CodeDeployClient codeDeploy(Simulator sim, String key) {
    return CodeDeployClient.builder()
        .endpointOverride(sim.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, "x")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
