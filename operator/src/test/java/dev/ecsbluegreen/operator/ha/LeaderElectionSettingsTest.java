package dev.ecsbluegreen.operator.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the chart's environment turns into JOSDK leader election. */
class LeaderElectionSettingsTest {
  @TempDir Path dir;

  @Test
  void withoutALeaseNameThereIsNoLeaderElection() {
    assertThat(LeaderElectionSettings.forLease(null, Map.of("HOSTNAME", "pod-1"), null)).isEmpty();
  }

  @Test
  void theLeaseLivesInThePodsNamespaceReadFromTheServiceAccountMount() throws Exception {
    var namespaceFile = Files.writeString(dir.resolve("namespace"), "ecs-bluegreen-system\n");

    var settings =
        LeaderElectionSettings.forLease(
                "ebg-operator", Map.of("HOSTNAME", "ebg-7d9f-x2"), namespaceFile)
            .orElseThrow();

    assertThat(settings.leaseName()).isEqualTo("ebg-operator");
    assertThat(settings.leaseNamespace()).isEqualTo("ecs-bluegreen-system");
    assertThat(settings.identity()).isEqualTo("ebg-7d9f-x2");
    assertThat(settings.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(settings.renewDeadline()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.retryPeriod()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void podNamespaceAndPodNameFromTheDownwardApiWin() throws Exception {
    var namespaceFile = Files.writeString(dir.resolve("namespace"), "from-file");

    var settings =
        LeaderElectionSettings.forLease(
                "lease",
                Map.of(
                    "POD_NAMESPACE", "from-env",
                    "POD_NAME", "pod-a",
                    "HOSTNAME", "host-a"),
                namespaceFile)
            .orElseThrow();

    assertThat(settings.leaseNamespace()).isEqualTo("from-env");
    assertThat(settings.identity()).isEqualTo("pod-a");
  }

  @Test
  void aLeaseWithoutAKnownNamespaceIsAClearError() {
    assertThatThrownBy(
            () -> LeaderElectionSettings.forLease("lease", Map.of(), dir.resolve("missing")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("POD_NAMESPACE");
  }

  @Test
  void josdkGetsTheLeaseTimingsAndDoesNotExitOnItsOwn() {
    var configuration =
        LeaderElectionSettings.of("lease", "ns", "pod-a")
            .toConfiguration(new Leadership(() -> {}).callbacks());

    assertThat(configuration.getLeaseName()).isEqualTo("lease");
    assertThat(configuration.getLeaseNamespace()).hasValue("ns");
    assertThat(configuration.getIdentity()).hasValue("pod-a");
    assertThat(configuration.getLeaseDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(configuration.isExitOnStopLeading()).isFalse();
    assertThat(configuration.getLeaderCallbacks()).isPresent();
  }

  @Test
  void losingTheLeaseWhileRunningStopsTheReplicaButStoppingOnPurposeDoesNot() {
    var lost = new java.util.concurrent.atomic.AtomicInteger();
    var running = new Leadership(lost::incrementAndGet);
    running.callbacks().onStartLeading();
    assertThat(running.isLeader()).isTrue();

    running.callbacks().onStopLeading();

    assertThat(running.isLeader()).isFalse();
    assertThat(lost).hasValue(1);

    var stopping = new Leadership(lost::incrementAndGet);
    stopping.callbacks().onStartLeading();
    stopping.stopping();
    stopping.callbacks().onStopLeading();
    assertThat(lost).hasValue(1);
  }
}
