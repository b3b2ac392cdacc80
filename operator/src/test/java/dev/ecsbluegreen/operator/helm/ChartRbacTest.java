package dev.ecsbluegreen.operator.helm;

import static dev.ecsbluegreen.operator.helm.Chart.FULLNAME;
import static dev.ecsbluegreen.operator.helm.Chart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator gets exactly the Kubernetes permissions it uses: on its own resources and events,
 * cluster-wide or only in the watched namespaces, plus its leader-election Lease. {@link
 * ChartRbacE2E} checks on a real API server that these are the permissions the operator uses.
 */
class ChartRbacTest {
  /** What the reconciler does with releases and events; the same in a ClusterRole or a Role. */
  static final List<PolicyRule> RELEASE_RULES =
      List.of(
          rule("ecs.bluegreen.dev", "ecsbluegreenreleases", "get", "list", "watch", "patch"),
          rule("ecs.bluegreen.dev", "ecsbluegreenreleases/status", "update"),
          rule("", "events", "create"));

  static final String READ_TOKEN_SECRETS = "analysis.prometheus.readTokenSecrets";

  static RenderedChart clusterWide;
  static RenderedChart namespaced;

  @BeforeAll
  static void render() {
    clusterWide = Chart.renderDefaults();
    namespaced = Chart.render(Chart.testValues("namespaced-values.yaml"));
  }

  @Test
  void byDefaultAClusterRoleGrantsExactlyTheReleaseRules() {
    var clusterRole = clusterWide.only(ClusterRole.class);

    assertThat(clusterRole.getRules()).isEqualTo(RELEASE_RULES);
    var binding = clusterWide.only(ClusterRoleBinding.class);
    assertThat(binding.getRoleRef().getName()).isEqualTo(clusterRole.getMetadata().getName());
    assertThat(binding.getSubjects()).containsExactly(operatorServiceAccount());
  }

  @Test
  void byDefaultTheOnlyNamespacedRoleIsTheLeaseRole() {
    assertThat(clusterWide.all(Role.class))
        .extracting(r -> r.getMetadata().getName())
        .containsExactly(FULLNAME + "-leader-election");
  }

  @Test
  void watchNamespacesGetsARoleAndBindingPerNamespaceAndNothingClusterWide() {
    assertThat(namespaced.all(ClusterRole.class)).isEmpty();
    assertThat(namespaced.all(ClusterRoleBinding.class)).isEmpty();

    var roles = namespaced.all(Role.class);
    assertThat(roles)
        .extracting(r -> r.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("payments", "orders");
    assertThat(roles).allSatisfy(r -> assertThat(r.getRules()).isEqualTo(RELEASE_RULES));

    var bindings = namespaced.all(RoleBinding.class);
    assertThat(bindings)
        .extracting(b -> b.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("payments", "orders");
    assertThat(bindings)
        .allSatisfy(
            b -> {
              assertThat(b.getRoleRef().getKind()).isEqualTo("Role");
              assertThat(b.getRoleRef().getName()).isEqualTo(FULLNAME);
              assertThat(b.getSubjects()).containsExactly(operatorServiceAccount());
            });
  }

  @Test
  void leaseRoleLetsTheOperatorCreateAndRenewOnlyItsOwnLease() {
    var leaseRole =
        clusterWide.all(Role.class).stream()
            .filter(r -> r.getMetadata().getName().endsWith("-leader-election"))
            .findFirst()
            .orElseThrow();

    assertThat(leaseRole.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
    assertThat(leaseRole.getRules())
        .containsExactly(
            rule("coordination.k8s.io", "leases", "create"),
            new PolicyRuleBuilder(rule("coordination.k8s.io", "leases", "get", "update", "patch"))
                .withResourceNames(FULLNAME)
                .build());
    var leaseBinding =
        clusterWide.all(RoleBinding.class).stream()
            .filter(b -> b.getRoleRef().getName().equals(leaseRole.getMetadata().getName()))
            .findFirst()
            .orElseThrow();
    assertThat(leaseBinding.getSubjects()).containsExactly(operatorServiceAccount());
  }

  @Test
  void aSingleReplicaGetsNoLeasePermissions() {
    assertThat(namespaced.all(Role.class))
        .noneMatch(r -> r.getMetadata().getName().endsWith("-leader-election"));
  }

  @Test
  void readTokenSecretsAddsGetOnSecretsToTheClusterRole() {
    var chart = Chart.render(Map.of(READ_TOKEN_SECRETS, true));

    assertThat(chart.only(ClusterRole.class).getRules())
        .containsExactlyElementsOf(
            Stream.concat(RELEASE_RULES.stream(), Stream.of(rule("", "secrets", "get"))).toList());
  }

  @Test
  void readTokenSecretsWithWatchNamespacesAddsGetOnSecretsToEachRoleOnly() {
    var chart =
        Chart.render(
            "ebg",
            NAMESPACE,
            Chart.testValues("namespaced-values.yaml"),
            Map.of(READ_TOKEN_SECRETS, true));

    assertThat(chart.all(ClusterRole.class)).isEmpty();
    assertThat(chart.all(Role.class))
        .filteredOn(r -> !r.getMetadata().getName().endsWith("-leader-election"))
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.getRules()).contains(rule("", "secrets", "get")).hasSize(4));
  }

  @Test
  void noRuleUsesWildcardsOrTouchesSecretsOrCrds() {
    assertThat(allRules())
        .isNotEmpty()
        .allSatisfy(
            rule -> {
              assertThat(rule.getApiGroups()).doesNotContain("*", "apiextensions.k8s.io");
              assertThat(rule.getResources()).doesNotContain("*", "secrets");
              assertThat(rule.getVerbs()).doesNotContain("*", "delete", "deletecollection");
            });
  }

  private static Stream<PolicyRule> rulesOf(RenderedChart chart) {
    return Stream.concat(
        chart.all(ClusterRole.class).stream().flatMap(r -> r.getRules().stream()),
        chart.all(Role.class).stream().flatMap(r -> r.getRules().stream()));
  }

  private static List<PolicyRule> allRules() {
    return Stream.concat(rulesOf(clusterWide), rulesOf(namespaced)).toList();
  }

  private static Subject operatorServiceAccount() {
    return new Subject(null, "ServiceAccount", FULLNAME, NAMESPACE);
  }

  private static PolicyRule rule(String apiGroup, String resource, String... verbs) {
    return new PolicyRuleBuilder()
        .withApiGroups(apiGroup)
        .withResources(resource)
        .withVerbs(verbs)
        .build();
  }
}
