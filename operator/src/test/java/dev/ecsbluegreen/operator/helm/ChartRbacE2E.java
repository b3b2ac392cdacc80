package dev.ecsbluegreen.operator.helm;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheckStatus.Verdict;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.PrometheusCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.SecretKeyRef;
import dev.ecsbluegreen.operator.api.v1alpha1.ThresholdRange;
import dev.ecsbluegreen.operator.fixtures.ApiRequests;
import dev.ecsbluegreen.operator.fixtures.ApiRequests.Permission;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;
import dev.ecsbluegreen.operator.fixtures.PrometheusStub;
import dev.ecsbluegreen.operator.fixtures.RealApiServer;
import dev.ecsbluegreen.operator.ha.LeaderElectionSettings;
import dev.ecsbluegreen.operator.ha.OperatorReplicas;
import dev.ecsbluegreen.operator.reconciler.Actions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart's RBAC on a real API server with RBAC on: its ServiceAccount, Roles and bindings are
 * applied, and the operator runs a release through a manual gate, a promotion and a deletion with
 * the ServiceAccount's token, configured as the chart's Deployment configures it. Every request
 * must be allowed, and every permission the chart grants must have been used: the grants are
 * exactly what the operator does, no more.
 */
@OnRealApiServer
class ChartRbacE2E {
  // Short Lease timings, so that the first replica leads within a second.
  static final Duration LEASE = Duration.ofSeconds(3);
  static final Duration RENEW = Duration.ofSeconds(2);
  static final Duration RETRY = Duration.ofMillis(250);

  /** Allowed to every authenticated user by the API server's default roles, never by the chart. */
  static final Set<String> DEFAULT_ALLOWED =
      Set.of("selfsubjectrulesreviews", "selfsubjectaccessreviews");

  /**
   * Needed although a run without trouble sends no such request: JOSDK re-reads a release when a
   * finalizer patch meets a conflict (e.g. a GitOps apply at the same moment), and refuses to start
   * leader election unless a SelfSubjectRulesReview shows update on Leases.
   */
  static final Set<Permission> NEEDED_WITHOUT_A_REQUEST =
      Set.of(
          new Permission("ecs.bluegreen.dev", "ecsbluegreenreleases", "get"),
          new Permission("coordination.k8s.io", "leases", "update"));

  /** The query of the prometheus checks. */
  static final String ERRORS = "sum(rate(http_requests_total{code=~\"5..\"}[1m]))";

  final RealApiServer server = RealApiServer.get();

  @Test
  void clusterWideInstallRunsAReleaseWithExactlyTheGrantedPermissions() {
    var operatorNamespace = server.newNamespace("rbac-operator");
    var releases = server.newNamespace("rbac-cluster");
    var chart = Chart.render("rbac-cluster", operatorNamespace, null, Map.of());

    runsAReleaseWithExactlyTheGrantedPermissions(chart, operatorNamespace, releases, "cluster");
  }

  @Test
  void watchNamespacesInstallRunsAReleaseWithExactlyTheGrantedPermissions() {
    var operatorNamespace = server.newNamespace("rbac-operator");
    var watched = List.of(server.newNamespace("rbac-tenant"), server.newNamespace("rbac-tenant"));
    var chart =
        Chart.render("rbac-tenants", operatorNamespace, namespacedValues(watched), Map.of());
    assertThat(chart.all(ClusterRole.class)).isEmpty();

    runsAReleaseWithExactlyTheGrantedPermissions(
        chart, operatorNamespace, watched.get(1), "tenant");
  }

  @Test
  void withReadTokenSecretsAPrometheusCheckReadsItsTokenWithExactlyTheGrantedPermissions() {
    var operatorNamespace = server.newNamespace("rbac-operator");
    var releases = server.newNamespace("rbac-secrets");
    var chart =
        Chart.render(
            "rbac-secrets",
            operatorNamespace,
            null,
            Map.of(ChartRbacTest.READ_TOKEN_SECRETS, true, "replicaCount", 1));
    try (var prometheus = PrometheusStub.start()) {
      prometheus.vector(ERRORS, 0.0);
      tokenSecret(releases);

      runsWithExactlyTheGrantedPermissions(
          chart,
          operatorNamespace,
          releases,
          "secrets",
          cluster -> {
            cluster.apply(release("secrets").analysis(tokenCheck(prometheus)).build());
            var status = cluster.awaitRelease("secrets", s -> s.phase() == Phase.Succeeded);
            assertThat(status.analysis().get(0).verdict()).isEqualTo(Verdict.Passed);
          });

      assertThat(prometheus.requests(ERRORS))
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer reader-token"));
    }
  }

  @Test
  void byDefaultAPrometheusCheckThatNamesASecretIsInconclusiveAndNamesTheChartValue() {
    var operatorNamespace = server.newNamespace("rbac-operator");
    var releases = server.newNamespace("rbac-nosecrets");
    var chart = Chart.render("rbac-nosecrets", operatorNamespace, null, Map.of("replicaCount", 1));
    install(chart);
    var requests = new ApiRequests();
    try (var prometheus = PrometheusStub.start();
        var cluster = OperatorReplicas.onRealServer(releases, operatorNamespace, "nosecrets")) {
      prometheus.vector(ERRORS, 0.0);
      tokenSecret(releases);
      cluster.createGroup("nosecrets", "STOP_DEPLOYMENT", 600);
      cluster.start(
          "chart", null, serviceAccountConfig(chart), watchedNamespaces(chart.env()), requests);

      cluster.apply(release("nosecrets").analysis(tokenCheck(prometheus)).build());
      var status =
          cluster.awaitRelease(
              "nosecrets", s -> s.analysis() != null && s.analysis().get(0).inconclusive() >= 2);

      var check = status.analysis().get(0);
      assertThat(check.verdict()).isEqualTo(Verdict.Running);
      assertThat(check.lastMessage())
          .contains("may not read Secret %s/reader (forbidden)".formatted(releases))
          .contains("analysis.prometheus.readTokenSecrets=true");
      assertThat(status.phase()).isEqualTo(Phase.TestTraffic);
      assertThat(prometheus.requests()).as("no query without its token").isEmpty();
    }
    assertThat(requests.answered(401, 403))
        .as("requests refused")
        .isNotEmpty()
        .allSatisfy(
            a ->
                assertThat(a.uri())
                    .endsWith("/api/v1/namespaces/%s/secrets/reader".formatted(releases)));
  }

  private void tokenSecret(String namespace) {
    server
        .admin()
        .secrets()
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("reader")
                .endMetadata()
                .withStringData(Map.of("token", "reader-token"))
                .build())
        .create();
  }

  private static AnalysisCheck tokenCheck(PrometheusStub prometheus) {
    return new AnalysisCheck(
        "errors",
        null,
        30,
        1,
        1,
        null,
        null,
        new PrometheusCheck(
            prometheus.url(),
            ERRORS,
            new ThresholdRange(null, 0.05),
            new SecretKeyRef("reader", "token")));
  }

  private void runsAReleaseWithExactlyTheGrantedPermissions(
      RenderedChart chart, String operatorNamespace, String namespace, String lane) {
    runsWithExactlyTheGrantedPermissions(
        chart,
        operatorNamespace,
        namespace,
        lane,
        cluster -> {
          cluster.apply(release(lane).manualPromotion().build());
          cluster.awaitRelease(lane, s -> s.phase() == Phase.AwaitingPromotion);
          cluster.annotate(lane, Actions.PROMOTE);
          cluster.awaitRelease(lane, s -> s.phase() == Phase.Succeeded);
        });
  }

  /**
   * Installs the chart's RBAC, runs the scenario with an operator on its ServiceAccount's token,
   * deletes the release, and checks that every request was allowed and every grant used.
   */
  private void runsWithExactlyTheGrantedPermissions(
      RenderedChart chart,
      String operatorNamespace,
      String namespace,
      String lane,
      Consumer<OperatorReplicas> scenario) {
    install(chart);
    var requests = new ApiRequests();
    try (var cluster = OperatorReplicas.onRealServer(namespace, operatorNamespace, lane)) {
      cluster.createGroup(lane, "STOP_DEPLOYMENT", 600);
      var env = chart.env();
      var operator =
          cluster.start(
              "chart",
              env.containsKey("OPERATOR_LEADER_ELECTION")
                  ? LeaderElectionSettings.of(
                          env.get("OPERATOR_LEADER_ELECTION"), operatorNamespace, "chart-0")
                      .withTimings(LEASE, RENEW, RETRY)
                  : null,
              serviceAccountConfig(chart),
              watchedNamespaces(env),
              requests);
      if (env.containsKey("OPERATOR_LEADER_ELECTION")) {
        await().atMost(Duration.ofSeconds(20)).until(operator.leadership::isLeader);
      }

      scenario.accept(cluster);
      cluster
          .client
          .resources(dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease.class)
          .inNamespace(namespace)
          .withName(lane)
          .delete();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  cluster
                          .client
                          .resources(
                              dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease.class)
                          .inNamespace(namespace)
                          .withName(lane)
                          .get()
                      == null);
    }

    assertThat(requests.answered(401, 403)).as("requests refused").isEmpty();
    var used =
        requests.used().stream()
            .filter(p -> !DEFAULT_ALLOWED.contains(p.resource()))
            .collect(Collectors.toSet());
    var granted = granted(chart);
    assertThat(granted).as("permissions the chart grants").containsAll(used);
    var needed = new HashSet<>(used);
    NEEDED_WITHOUT_A_REQUEST.stream()
        .filter(p -> !isLease(p) || granted.stream().anyMatch(this::isLease))
        .forEach(needed::add);
    assertThat(needed).as("permissions the operator needs").containsAll(granted);
  }

  /** Applies the chart's ServiceAccount, Roles, ClusterRoles and their bindings. */
  private void install(RenderedChart chart) {
    var kinds =
        Set.of("ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding");
    for (HasMetadata object : chart.objects()) {
      if (kinds.contains(object.getKind())) {
        server.admin().resource(object).fieldManager("helm").forceConflicts().serverSideApply();
      }
    }
  }

  /** The ServiceAccount's credentials, from the TokenRequest API as the kubelet gets them. */
  private Config serviceAccountConfig(RenderedChart chart) {
    var account = chart.only(ServiceAccount.class);
    var token =
        server
            .admin()
            .serviceAccounts()
            .inNamespace(account.getMetadata().getNamespace())
            .withName(account.getMetadata().getName())
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    var config = server.adminConfig();
    config.setClientCertData(null);
    config.setClientCertFile(null);
    config.setClientKeyData(null);
    config.setClientKeyFile(null);
    config.setOauthToken(token);
    return config;
  }

  private boolean isLease(Permission permission) {
    return permission.resource().equals("leases");
  }

  /** The namespaced test values, watching the given namespaces. */
  private static Path namespacedValues(List<String> watched) {
    try {
      var values =
          new java.util.LinkedHashMap<String, Object>(
              Serialization.unmarshal(
                  Files.readString(Chart.testValues("namespaced-values.yaml")), Map.class));
      values.put("watchNamespaces", watched);
      var file = Files.createTempFile("namespaced-values", ".yaml");
      file.toFile().deleteOnExit();
      Files.writeString(file, Serialization.asYaml(values));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> watchedNamespaces(Map<String, String> env) {
    var listed = env.get("OPERATOR_NAMESPACES");
    return listed == null ? Set.of() : Set.of(listed.split(","));
  }

  /** Every (group, resource, verb) the chart's Roles and ClusterRoles allow. */
  static Set<Permission> granted(RenderedChart chart) {
    var rules =
        Stream.concat(
            chart.all(ClusterRole.class).stream().flatMap(r -> r.getRules().stream()),
            chart.all(Role.class).stream().flatMap(r -> r.getRules().stream()));
    var granted = new HashSet<Permission>();
    rules.forEach(
        (PolicyRule rule) -> {
          for (var group : rule.getApiGroups()) {
            for (var resource : rule.getResources()) {
              for (var verb : rule.getVerbs()) {
                granted.add(new Permission(group, resource, verb));
              }
            }
          }
        });
    return granted;
  }
}
