package dev.ecsbluegreen.operator.chaos;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.aws.AwsClientSettings;
import dev.ecsbluegreen.operator.aws.AwsGuardSettings;
import dev.ecsbluegreen.operator.aws.AwsGuards;
import dev.ecsbluegreen.operator.aws.AwsSdkAccess;
import dev.ecsbluegreen.operator.chaos.Defect.Kind;
import dev.ecsbluegreen.operator.fixtures.Lanes;
import dev.ecsbluegreen.operator.fixtures.RealApiServer;
import dev.ecsbluegreen.operator.reconciler.Actions;
import dev.ecsbluegreen.simulator.Simulator;
import dev.ecsbluegreen.simulator.http.ApiCall;
import dev.ecsbluegreen.simulator.http.Faults;
import dev.ecsbluegreen.simulator.world.ScaledClock;
import dev.ecsbluegreen.simulator.world.World;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * One chaos run: a fresh namespace on the real API server, a simulator on fast time with the
 * configured faults, the releases applied at their moments, the operator as separate processes
 * killed with SIGKILL at seeded moments and restarted at once, manual gates promoted and spec
 * changes committed as a user would; then the audit of AWS against the releases.
 */
final class ChaosRun {
  static final String CLUSTER = "prod";
  private static final Set<String> INJECTED =
      Set.of("ThrottlingException", "InternalFailure", "ServiceUnavailable");
  private static final Duration TICK = Duration.ofMillis(250);

  /** About how long an operator process takes to answer ready on a loaded machine. */
  private static final Duration ASSUMED_STARTUP = Duration.ofSeconds(5);

  /** The shortest uptime after ready before a kill. */
  private static final Duration MIN_UPTIME = Duration.ofMillis(500);

  /** How long the last operator runs after every release ended, so it resyncs everything. */
  private static final Duration SETTLE = Duration.ofSeconds(3);

  private final ChaosSettings settings;
  private final Random random;
  private final Path folder;

  ChaosRun(ChaosSettings settings, Path folder) {
    this.settings = settings;
    this.random = new Random(settings.seed());
    this.folder = folder;
  }

  ChaosFigures run() throws IOException, InterruptedException {
    var server = RealApiServer.get();
    String namespace = server.newNamespace("chaos");
    Optional<String> leaseNamespace =
        settings.leaderFailover()
            ? Optional.of(server.newNamespace("chaos-operator"))
            : Optional.empty();
    // Releases arrive while the operator is being killed: over three quarters of the time the kills
    // should take, each after a start-up and a mean uptime.
    var applyWindow =
        ASSUMED_STARTUP
            .plus(settings.maxUptime().dividedBy(2))
            .multipliedBy(settings.kills())
            .multipliedBy(3)
            .dividedBy(4);
    var releases = ReleaseMix.of(settings.releases(), applyWindow, random);
    Files.createDirectories(folder);
    var kubeconfig = Files.writeString(folder.resolve("kubeconfig"), server.kubeconfigYaml());

    try (var sim =
            Simulator.start(world(releases), ScaledClock.minuteLasts(settings.minuteMillis()));
        var client = server.newAdminClient()) {
      createGroups(sim, releases);
      injectFaults(sim.faults());
      var launch =
          new OperatorProcess.Launch(kubeconfig, sim.endpoint(), namespace, leaseNamespace, folder);
      var driver = new Driver(client, namespace, leaseNamespace, launch, releases);
      Duration duration = driver.drive();
      sim.faults().clear();

      var inCluster = driver.list();
      try (var codeDeploy = codeDeploy(sim);
          var ecs = ecs(sim)) {
        var audit = new AwsAudit(codeDeploy, ecs, CLUSTER);
        var defects = new ArrayList<>(audit.audit(releases, inCluster));
        var operatorCalls =
            sim.callLog().all().stream()
                .filter(c -> c.caller().startsWith(OperatorProcess.ACCESS_KEY_PREFIX))
                .toList();
        long created = countOk(operatorCalls, "CreateDeployment");
        long registered = countOk(operatorCalls, "RegisterTaskDefinition");
        if (created != audit.deploymentsSeen()) {
          defects.add(
              new Defect(
                  Kind.DUPLICATE_DEPLOYMENT,
                  "(all)",
                  "AWS accepted %d CreateDeployment calls, the releases own %d deployments"
                      .formatted(created, audit.deploymentsSeen())));
        }
        if (registered != audit.revisionsSeen()) {
          defects.add(
              new Defect(
                  Kind.DUPLICATE_REVISION,
                  "(all)",
                  "AWS accepted %d RegisterTaskDefinition calls, the releases own %d revisions"
                      .formatted(registered, audit.revisionsSeen())));
        }
        return new ChaosFigures(
            settings,
            releases.stream().mapToInt(r -> (int) r.finalGeneration()).sum(),
            driver.kills,
            driver.inFlightAtKills,
            driver.unexpectedExits,
            driver.meanStartup(),
            duration,
            operatorCalls.size(),
            operatorCalls.stream()
                .filter(c -> !c.isOk())
                .collect(
                    Collectors.groupingBy(
                        c -> c.operation() + ":" + c.outcome(),
                        TreeMap::new,
                        Collectors.counting())),
            created,
            registered,
            audit.deploymentsSeen(),
            audit.revisionsSeen(),
            List.copyOf(defects));
      }
    }
  }

  /** An injected fault by its code alone; any other error also by the operation that met it. */
  private static String errorKind(ApiCall call) {
    if (!call.answered()) {
      return "dropped";
    }
    return INJECTED.contains(call.outcome())
        ? call.outcome()
        : call.operation() + ":" + call.outcome();
  }

  private static long countOk(List<ApiCall> calls, String operation) {
    return calls.stream().filter(c -> c.operation().equals(operation) && c.isOk()).count();
  }

  private World world(List<ChaosRelease> releases) {
    var world =
        World.builder()
            .cluster(CLUSTER)
            .function(ReleaseShape.PASSING_HOOK, World.Behaviour.SUCCEED)
            .function(ReleaseShape.FAILING_HOOK, World.Behaviour.FAIL)
            .dataPlane(false)
            .seed(settings.seed());
    releases.forEach(release -> Lanes.add(world, release.name()));
    return world.build();
  }

  private void createGroups(Simulator sim, List<ChaosRelease> releases) {
    var settings =
        AwsClientSettings.defaults("us-east-1")
            .withEndpointOverride(sim.endpoint())
            .withCredentials(credentials());
    // The test's own setup calls, not the operator's: no budget to queue them.
    try (var access =
        new AwsSdkAccess(
            settings,
            List.of(),
            AwsGuards.unmetered(AwsGuardSettings.simulated(), Clock.systemUTC()))) {
      var groups = access.forTarget(null).deploymentGroups();
      for (var release : releases) {
        boolean gated = release.shape().gated();
        var group =
            Lanes.group(
                sim,
                release.name(),
                release.bakeMinutes(),
                gated ? "STOP_DEPLOYMENT" : "CONTINUE_DEPLOYMENT",
                gated ? ChaosRelease.GATE_WAIT_MINUTES : null);
        groups.ensureApplication(group.application());
        groups.createGroup(group);
      }
    }
  }

  private void injectFaults(Faults faults) {
    if (settings.throttleRate() > 0) {
      faults.throttle("*", settings.throttleRate());
    }
    if (settings.errorRate() > 0) {
      // Checked after throttling, so the error rate applies to the calls not throttled: scale it
      // to be a share of all calls.
      faults.serverError(
          "*",
          settings.errorRate() / (1 - settings.throttleRate()),
          Faults.ServerError.INTERNAL_FAILURE);
    }
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDCHAOSRUN", "chaos"));
  }

  private static CodeDeployClient codeDeploy(Simulator sim) {
    return CodeDeployClient.builder()
        .endpointOverride(sim.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static EcsClient ecs(Simulator sim) {
    return EcsClient.builder()
        .endpointOverride(sim.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** Does what users and the cluster do during the run, one tick at a time. */
  private final class Driver {
    private final KubernetesClient client;
    private final String namespace;
    private final Optional<String> leaseNamespace;
    private final OperatorProcess.Launch launch;
    private final List<ChaosRelease> releases;
    private final List<OperatorProcess> running = new ArrayList<>();
    private final List<Duration> startups = new ArrayList<>();
    private final List<OperatorProcess> starting = new ArrayList<>();
    private final Set<String> applied = new HashSet<>();
    private final Set<String> promoted = new HashSet<>();
    private final Set<String> changed = new HashSet<>();
    private int started;
    int kills;
    int unexpectedExits;
    long inFlightAtKills;

    Driver(
        KubernetesClient client,
        String namespace,
        Optional<String> leaseNamespace,
        OperatorProcess.Launch launch,
        List<ChaosRelease> releases) {
      this.client = client;
      this.namespace = namespace;
      this.leaseNamespace = leaseNamespace;
      this.launch = launch;
      this.releases = releases;
    }

    /** Runs until every kill was made and every release ended; returns how long that took. */
    Duration drive() throws InterruptedException {
      long begun = System.nanoTime();
      int replicas = leaseNamespace.isPresent() ? 2 : 1;
      for (int i = 0; i < replicas; i++) {
        startOne();
      }
      // Armed once the operator works again (the new leader holds the Lease, with failover), so
      // every kill hits an operator that was reconciling, at a random moment of its work.
      Duration nextKill = null;
      Duration deadline = null;
      Duration endedAt = null;
      try {
        while (true) {
          var elapsed = Duration.ofNanos(System.nanoTime() - begun);
          applyDue(elapsed);
          var current = list();
          act(current);
          restartExited();
          noteStartups();
          if (nextKill == null && kills < settings.kills() && working()) {
            nextKill = elapsed.plus(nextUptime());
          }
          if (nextKill != null && elapsed.compareTo(nextKill) >= 0) {
            killOne(current);
            nextKill = null;
          }
          if (kills == settings.kills() && deadline == null) {
            deadline = elapsed.plus(settings.timeout());
          }
          if (deadline != null && allEnded(current)) {
            endedAt = endedAt == null ? elapsed : endedAt;
            if (settled()) {
              return endedAt;
            }
          } else {
            endedAt = null;
          }
          if (deadline != null && elapsed.compareTo(deadline) > 0) {
            System.out.println("Chaos run: releases still unfinished after the timeout");
            return elapsed;
          }
          Thread.sleep(TICK.toMillis());
        }
      } finally {
        running.forEach(OperatorProcess::stop);
      }
    }

    Map<String, EcsBlueGreenRelease> list() {
      var byName = new HashMap<String, EcsBlueGreenRelease>();
      client
          .resources(EcsBlueGreenRelease.class)
          .inNamespace(namespace)
          .list()
          .getItems()
          .forEach(r -> byName.put(r.getMetadata().getName(), r));
      return byName;
    }

    Duration meanStartup() {
      return startups.isEmpty()
          ? Duration.ZERO
          : Duration.ofMillis(
              (long) startups.stream().mapToLong(Duration::toMillis).average().orElse(0));
    }

    private void applyDue(Duration elapsed) {
      for (var release : releases) {
        if (!applied.contains(release.name()) && release.applyAt().compareTo(elapsed) <= 0) {
          client.resource(release.manifest(namespace)).create();
          applied.add(release.name());
        }
      }
    }

    /** Promotes releases at their gate, and commits the second generation of those changed. */
    private void act(Map<String, EcsBlueGreenRelease> current) {
      for (var release : releases) {
        var resource = current.get(release.name());
        if (resource == null || resource.getStatus() == null) {
          continue;
        }
        var status = resource.getStatus();
        long generation = resource.getMetadata().getGeneration();
        String attempt = release.name() + "/" + generation;
        if (release.shape().gated()
            && status.phase() == Phase.AwaitingPromotion
            && promoted.add(attempt)) {
          annotate(release.name(), Actions.PROMOTE, "chaos-promote-" + generation);
        }
        if (release.changedInFlight()
            && generation == 1
            && status.deploymentId() != null
            && changed.add(release.name())) {
          commitSecondGeneration(release);
        }
      }
    }

    /** As a user's edit: read, change, write; read again when the operator wrote in between. */
    private void commitSecondGeneration(ChaosRelease release) {
      var resource =
          client
              .resources(EcsBlueGreenRelease.class)
              .inNamespace(namespace)
              .withName(release.name());
      for (int attempt = 1; ; attempt++) {
        try {
          resource.edit(
              r -> {
                r.setSpec(release.secondGeneration(namespace));
                return r;
              });
          return;
        } catch (KubernetesClientException e) {
          if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == 10) {
            throw e;
          }
        }
      }
    }

    private void annotate(String name, String annotation, String value) {
      // As kubectl annotate sends it: a merge patch without a resourceVersion.
      var patch = Map.of("metadata", Map.of("annotations", Map.of(annotation, value)));
      client
          .resources(EcsBlueGreenRelease.class)
          .inNamespace(namespace)
          .withName(name)
          .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(patch));
    }

    private boolean allEnded(Map<String, EcsBlueGreenRelease> current) {
      Predicate<ChaosRelease> ended =
          release -> {
            var resource = current.get(release.name());
            if (resource == null || resource.getStatus() == null) {
              return false;
            }
            EcsBlueGreenReleaseStatus status = resource.getStatus();
            long generation = resource.getMetadata().getGeneration();
            return generation == release.finalGeneration()
                && Long.valueOf(generation).equals(status.observedGeneration())
                && AwsAudit.ENDED.contains(status.phase());
          };
      return applied.size() == releases.size() && releases.stream().allMatch(ended);
    }

    /** Whether every operator process now running has been ready for a while. */
    private boolean settled() {
      return running.stream()
          .allMatch(
              p ->
                  p.startup().isPresent()
                      && p.uptime().compareTo(p.startup().get().plus(SETTLE)) >= 0);
    }

    private void killOne(Map<String, EcsBlueGreenRelease> current) {
      var victim = leader().orElse(running.get(random.nextInt(running.size())));
      victim.kill();
      running.remove(victim);
      starting.remove(victim);
      kills++;
      long inFlight =
          releases.stream()
              .filter(r -> current.containsKey(r.name()) && !endedNow(current, r))
              .count();
      inFlightAtKills += inFlight;
      System.out.printf(
          "Chaos run: killed %s after %.1f s up (%d of %d), %d releases in flight, %d ended%n",
          victim.identity,
          victim.uptime().toMillis() / 1000.0,
          kills,
          settings.kills(),
          inFlight,
          releases.stream().filter(r -> endedNow(current, r)).count());
      startOne();
    }

    private boolean endedNow(Map<String, EcsBlueGreenRelease> current, ChaosRelease release) {
      var resource = current.get(release.name());
      return resource != null
          && resource.getStatus() != null
          && AwsAudit.ENDED.contains(resource.getStatus().phase());
    }

    /** With leader election, the process holding the Lease. */
    private Optional<OperatorProcess> leader() {
      if (leaseNamespace.isEmpty()) {
        return Optional.empty();
      }
      var lease =
          client
              .leases()
              .inNamespace(leaseNamespace.get())
              .withName(OperatorProcess.Launch.LEASE)
              .get();
      if (lease == null || lease.getSpec() == null) {
        return Optional.empty();
      }
      String holder = lease.getSpec().getHolderIdentity();
      return running.stream().filter(p -> p.identity.equals(holder)).findFirst();
    }

    private void restartExited() {
      for (var process : List.copyOf(running)) {
        if (!process.alive()) {
          System.out.printf(
              "Chaos run: %s exited by itself with %s; restarting%n",
              process.identity, process.exitedWith().orElse(null));
          running.remove(process);
          starting.remove(process);
          unexpectedExits++;
          startOne();
        }
      }
    }

    private void noteStartups() {
      for (var process : List.copyOf(starting)) {
        process
            .startup()
            .ifPresent(
                took -> {
                  startups.add(took);
                  starting.remove(process);
                });
      }
    }

    private void startOne() {
      var process = launch.start("operator-" + (++started));
      running.add(process);
      starting.add(process);
    }

    private Duration nextUptime() {
      long min = MIN_UPTIME.toMillis();
      long max = settings.maxUptime().toMillis();
      return Duration.ofMillis(min + (long) (random.nextDouble() * (max - min)));
    }

    /** Whether an operator is reconciling: the only one is ready, or a running one leads. */
    private boolean working() {
      if (leaseNamespace.isPresent()) {
        return leader().isPresent();
      }
      return running.stream().allMatch(p -> p.startup().isPresent());
    }
  }
}
