package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsCanary;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec.EcsStrategy;
import dev.ecsbluegreen.operator.aws.AwsGuardSettings;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.operator.observability.OperatorMetrics;
import dev.ecsbluegreen.simulator.http.ApiCall;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What a release costs in AWS reads before its deployment exists when it queues for its task
 * definition's registration, as {@link AwsCallsPerReleaseIT} pins it for releases that do not: 24
 * releases applied at once under a registration budget of 4 at once, then 1 a second. A release
 * turned away comes back at its turn, finds its registration's token there, and decides from what
 * it read before: no read again, no family listed, no second turn. Not timed: the counts come from
 * the simulator's call log and the budget's own count of turns given.
 */
class AwsCallsPerQueuedReleaseIT {
  static final int RELEASES = 24;
  static final int REGISTRATIONS_AT_ONCE = 4;
  static final String WAITING = "Waiting to register the task definition";
  static final String TURNS = OperatorMetrics.PREFIX + "aws.budget.deferred";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void codeDeployReleasesQueuedForTheirRegistrationReadOnce() {
    List<String> lanes = lanes("qcd");
    try (var harness = harness(false, lanes);
        var waited = new TurnedAway(harness)) {
      lanes.forEach(lane -> harness.createGroup(lane, 0));
      int from = harness.sim.callLog().all().size();

      lanes.forEach(
          lane ->
              harness.apply(
                  release(lane)
                      .image("example/" + lane + ":2")
                      .deploymentConfig("CodeDeployDefault.ECSAllAtOnce")
                      .build()));
      awaitDeployments(harness, lanes);

      var calls = byOperation(harness.sim.callLog().all().subList(from, lastOf(harness)));
      System.out.printf("CodeDeploy releases queued for registration: %s%n", calls);
      assertThat(calls.get("RegisterTaskDefinition")).isEqualTo(RELEASES);
      assertThat(calls.get("CreateDeployment")).isEqualTo(RELEASES);
      assertThat(calls).doesNotContainKeys("ListTaskDefinitions", "ListDeployments");
      // The revision each service runs, the template's base, once: revisions are kept by ARN.
      assertThat(calls.get("DescribeTaskDefinition")).isEqualTo(RELEASES);
      // The service and the group once each, by the pass turned away; none by the pass at its
      // turn, nor by the one that creates the deployment.
      assertThat(calls.get("DescribeServices")).isLessThanOrEqualTo(RELEASES);
      assertThat(calls.get("BatchGetDeploymentGroups")).isLessThanOrEqualTo(RELEASES);
      assertThat(readsBefore(calls, AwsCallsPerReleaseIT.PREPARING_READS))
          .as("reads per release before its deployment exists (the issue allows 6)")
          .isLessThanOrEqualTo(3.0);
      assertTurnedAwayOnceEach(waited);
    }
  }

  @Test
  void ecsReleasesQueuedForTheirRegistrationReadOnce() {
    List<String> lanes = lanes("qecs");
    try (var harness = harness(true, lanes);
        var waited = new TurnedAway(harness)) {
      int from = harness.sim.callLog().all().size();

      lanes.forEach(
          lane ->
              harness.apply(
                  release(lane)
                      .image("example/" + lane + ":2")
                      .ecs(
                          new EcsSpec(
                              EcsStrategy.Canary,
                              null,
                              new EcsCanary(10.0, 1),
                              1,
                              null,
                              null,
                              null))
                      .build()));
      awaitDeployments(harness, lanes);

      var calls = byOperation(harness.sim.callLog().all().subList(from, lastOf(harness)));
      System.out.printf("ECS releases queued for registration: %s%n", calls);
      assertThat(calls.get("RegisterTaskDefinition")).isEqualTo(RELEASES);
      assertThat(calls.get("UpdateService")).isEqualTo(RELEASES);
      assertThat(calls).doesNotContainKeys("ListTaskDefinitions");
      assertThat(calls.get("DescribeTaskDefinition")).isEqualTo(RELEASES);
      // The service once by the pass turned away and once by the pass that starts the deployment
      // (which must see it as it is then); none by the pass at its turn.
      assertThat(calls.get("DescribeServices")).isLessThanOrEqualTo(2 * RELEASES);
      assertTurnedAwayOnceEach(waited);
    }
  }

  private OperatorHarness harness(boolean ecsNative, List<String> lanes) {
    return OperatorHarness.guarded(
        KubernetesUnderTest.mockServer(),
        AwsGuardSettings.simulated().withRegistrationBurst(REGISTRATIONS_AT_ONCE),
        registry,
        ecsNative,
        lanes.toArray(String[]::new));
  }

  /**
   * Every release the budget turned away was given one turn and no other: the turns given number
   * the releases whose status ever said they waited.
   */
  private void assertTurnedAwayOnceEach(TurnedAway waited) {
    double turns =
        registry.find(TURNS).tag("name", "us-east-1 ECS RegisterTaskDefinition").counter().count();
    assertThat(waited.releases())
        .as("releases that waited for their registration")
        .hasSizeGreaterThanOrEqualTo(RELEASES / 2);
    assertThat(turns).as("turns given").isEqualTo(waited.releases().size());
  }

  private static List<String> lanes(String prefix) {
    return IntStream.range(0, RELEASES).mapToObj(i -> prefix + i).toList();
  }

  /** Waits on the wall clock only: simulated time stands still, so no deployment moves on. */
  private static void awaitDeployments(OperatorHarness harness, List<String> lanes) {
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                lanes.stream()
                    .map(harness::status)
                    .allMatch(status -> status != null && status.deploymentId() != null));
  }

  private static int lastOf(OperatorHarness harness) {
    return harness.sim.callLog().all().size();
  }

  private static Map<String, Long> byOperation(List<ApiCall> calls) {
    return calls.stream()
        .collect(Collectors.groupingBy(ApiCall::operation, TreeMap::new, Collectors.counting()));
  }

  private static double readsBefore(Map<String, Long> calls, Set<String> reads) {
    return reads.stream().mapToLong(op -> calls.getOrDefault(op, 0L)).sum() / (double) RELEASES;
  }

  /** The releases whose status said, at some point, that they wait for their registration. */
  private static final class TurnedAway implements AutoCloseable {
    private final Set<String> releases = ConcurrentHashMap.newKeySet();
    private final Watch watch;

    TurnedAway(OperatorHarness harness) {
      watch =
          harness
              .client
              .resources(EcsBlueGreenRelease.class)
              .inNamespace(harness.namespace())
              .watch(
                  new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, EcsBlueGreenRelease release) {
                      var status = release.getStatus();
                      if (status != null
                          && status.message() != null
                          && status.message().startsWith(WAITING)) {
                        releases.add(release.getMetadata().getName());
                      }
                    }

                    @Override
                    public void onClose(WatcherException cause) {}
                  });
    }

    Set<String> releases() {
      return Set.copyOf(releases);
    }

    @Override
    public void close() {
      watch.close();
    }
  }
}
