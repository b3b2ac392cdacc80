package dev.ecsbluegreen.operator.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator's pod: hardened, probed, configured through env, highly available by default. */
class ChartDeploymentTest {
  static RenderedChart defaults;
  static RenderedChart namespaced;

  @BeforeAll
  static void render() {
    defaults = Chart.renderDefaults();
    namespaced = Chart.render(Chart.testValues("namespaced-values.yaml"));
  }

  @Test
  void podRunsAsNonRootUser65532WithRuntimeDefaultSeccomp() {
    var pod = defaults.deployment().getSpec().getTemplate().getSpec().getSecurityContext();

    assertThat(pod.getRunAsNonRoot()).isTrue();
    assertThat(pod.getRunAsUser()).isEqualTo(65532L);
    assertThat(pod.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
  }

  @Test
  void containerHasReadOnlyRootNoEscalationAndNoCapabilities() {
    var container = defaults.operatorContainer().getSecurityContext();

    assertThat(container.getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(container.getRunAsNonRoot()).isTrue();
  }

  @Test
  void tmpIsAWritableEmptyDirBecauseTheRootFilesystemIsReadOnly() {
    var podSpec = defaults.deployment().getSpec().getTemplate().getSpec();

    assertThat(defaults.operatorContainer().getVolumeMounts())
        .anySatisfy(
            mount -> {
              assertThat(mount.getMountPath()).isEqualTo("/tmp");
              assertThat(mount.getReadOnly()).isNotEqualTo(Boolean.TRUE);
              assertThat(podSpec.getVolumes())
                  .anySatisfy(
                      v -> {
                        assertThat(v.getName()).isEqualTo(mount.getName());
                        assertThat(v.getEmptyDir()).isNotNull();
                      });
            });
  }

  @Test
  void livenessAndReadinessProbesHitHealthzAndReadyzOnTheHttpPort() {
    var container = defaults.operatorContainer();

    assertThat(container.getPorts())
        .anySatisfy(
            p -> {
              assertThat(p.getName()).isEqualTo("http");
              assertThat(p.getContainerPort()).isEqualTo(8080);
            });
    assertHttpGet(container.getLivenessProbe(), "/healthz");
    assertHttpGet(container.getReadinessProbe(), "/readyz");
  }

  @Test
  void operatorRunsWithTheRunCommandAndItsSettingsAsEnvironment() {
    assertThat(defaults.operatorContainer().getArgs()).containsExactly("run");
    assertThat(namespaced.env())
        .containsAllEntriesOf(
            Map.of(
                "OPERATOR_NAMESPACES", "payments,orders",
                "AWS_REGION", "eu-west-1",
                "OPERATOR_POLL_ACTIVE_SECONDS", "5",
                "OPERATOR_POLL_IDLE_SECONDS", "120",
                "OPERATOR_LOG_FORMAT", "text",
                "OPERATOR_HTTP_PORT", "8080"));
  }

  @Test
  void anEventsQueueIsPassedWithItsPollsAndPollingAloneIsTheDefault() {
    String url = "https://sqs.eu-west-1.amazonaws.com/123456789012/ecs-bluegreen-events";
    var withEvents = Chart.render(Map.of("events.queueUrl", url, "events.pollSeconds", 300));

    assertThat(withEvents.env())
        .containsEntry("OPERATOR_EVENTS_QUEUE_URL", url)
        .containsEntry("OPERATOR_POLL_WITH_EVENTS_SECONDS", "300")
        .containsEntry("OPERATOR_EVENTS_QUIET_AFTER_SECONDS", "120");
    assertThat(defaults.env())
        .doesNotContainKeys(
            "OPERATOR_EVENTS_QUEUE_URL",
            "OPERATOR_POLL_WITH_EVENTS_SECONDS",
            "OPERATOR_EVENTS_QUIET_AFTER_SECONDS");
  }

  @Test
  void requestBudgetsAndOutageProbesReachTheOperator() {
    assertThat(defaults.env())
        .containsAllEntriesOf(
            Map.of(
                "OPERATOR_AWS_ECS_CALLS_PER_SECOND", "20",
                "OPERATOR_AWS_CODEDEPLOY_CALLS_PER_SECOND", "10",
                "OPERATOR_AWS_CLOUDWATCH_CALLS_PER_SECOND", "25",
                "OPERATOR_AWS_OUTAGE_FAILURES", "5",
                "OPERATOR_AWS_OUTAGE_PROBE_SECONDS", "30"));
  }

  @Test
  void byDefaultAllNamespacesAreWatchedAndTheRegionComesFromTheSdkChain() {
    assertThat(defaults.env()).doesNotContainKeys("OPERATOR_NAMESPACES", "AWS_REGION");
    assertThat(defaults.env()).containsEntry("OPERATOR_LOG_FORMAT", "json");
  }

  @Test
  void twoReplicasByDefaultWithLeaderElectionThroughTheLease() {
    var deployment = defaults.deployment();

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(defaults.env("OPERATOR_LEADER_ELECTION")).contains(Chart.FULLNAME);
    assertThat(deployment.getSpec().getStrategy()).isNull();
  }

  @Test
  void oneReplicaRunsWithoutLeaderElectionAndIsRecreatedOnUpgrade() {
    var deployment = namespaced.deployment();

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(namespaced.env("OPERATOR_LEADER_ELECTION")).isEmpty();
    // A rolling update would otherwise run the old and the new operator side by side.
    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
  }

  @Test
  void podDisruptionBudgetKeepsOneReplicaOnlyWhenThereAreSeveral() {
    var pdb = defaults.only(PodDisruptionBudget.class);

    assertThat(pdb.getSpec().getMinAvailable()).isEqualTo(new IntOrString(1));
    assertThat(pdb.getSpec().getSelector().getMatchLabels())
        .isEqualTo(defaults.deployment().getSpec().getSelector().getMatchLabels());
    assertThat(namespaced.all(PodDisruptionBudget.class)).isEmpty();
  }

  @Test
  void serviceAccountCarriesTheIrsaRoleArnOnlyWhenOneIsGiven() {
    var annotated = namespaced.only(ServiceAccount.class);
    assertThat(annotated.getMetadata().getAnnotations())
        .containsEntry(
            "eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/ecs-bluegreen-operator");
    assertThat(namespaced.deployment().getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo(annotated.getMetadata().getName());

    // EKS Pod Identity needs no annotation: an association names the service account instead.
    assertThat(defaults.only(ServiceAccount.class).getMetadata().getAnnotations()).isNullOrEmpty();
  }

  @Test
  void containerHasResourceRequestsAndAMemoryLimit() {
    var resources = defaults.operatorContainer().getResources();

    assertThat(resources.getRequests()).containsKeys("cpu", "memory");
    assertThat(resources.getLimits()).containsKey("memory");
  }

  private static void assertHttpGet(Probe probe, String path) {
    assertThat(probe).as("probe for %s", path).isNotNull();
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort()).isEqualTo(new IntOrString("http"));
  }
}
