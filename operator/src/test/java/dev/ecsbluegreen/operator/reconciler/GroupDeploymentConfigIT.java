package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.ManagedDeploymentGroup;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.Lanes;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.simulator.world.World;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which deployment configuration moves production traffic: the one the release names, else the
 * group's own (set by a platform team in Terraform or the console), and what status reports.
 */
class GroupDeploymentConfigIT extends HarnessScenarios {
  static final String CANARY = "CodeDeployDefault.ECSCanary10Percent5Minutes";
  static final String LINEAR = "CodeDeployDefault.ECSLinear10PercentEvery1Minutes";

  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return new OperatorHarness(kubernetes, "groupcanary", "named", "created");
  }

  @Test
  void releaseNamingNoConfigShiftsTrafficAsTheGroupsConfigSays() {
    groupWithConfig("groupcanary", CANARY);
    harness.apply(release("groupcanary").image("example/web:2").build());
    List<Integer> greens = new ArrayList<>();

    var status =
        harness.awaitRelease(
            "groupcanary",
            s -> {
              if (s.phase() == Phase.ShiftingTraffic && s.traffic() != null) {
                greens.add(s.traffic().green());
              }
              return s.phase() == Phase.Succeeded;
            });

    assertThat(greens).contains(10);
    assertThat(status.deploymentConfig()).isEqualTo(CANARY);
    assertThat(harness.deployments("groupcanary"))
        .singleElement()
        .satisfies(d -> assertThat(d.deploymentConfigName()).isEqualTo(CANARY));
  }

  @Test
  void configTheReleaseNamesWinsOverTheGroups() {
    groupWithConfig("named", CANARY);
    harness.apply(release("named").image("example/web:2").deploymentConfig(LINEAR).build());

    var status = harness.awaitPhase("named", Phase.Succeeded);

    assertThat(status.deploymentConfig()).isEqualTo(LINEAR);
    assertThat(harness.deployments("named").get(0).deploymentConfigName()).isEqualTo(LINEAR);
  }

  @Test
  void groupTheOperatorCreatesShiftsAllAtOnce() {
    harness.apply(
        release("created")
            .image("example/web:2")
            .managed(
                new ManagedDeploymentGroup(
                    Lanes.SERVICE_ROLE,
                    List.of("created-blue", "created-green"),
                    List.of(harness.sim.listenerArn("created-lb", World.ListenerKind.PRODUCTION)),
                    List.of(),
                    0,
                    null,
                    null,
                    null,
                    null))
            .build());

    var status = harness.awaitPhase("created", Phase.Succeeded);

    assertThat(status.deploymentConfig()).isEqualTo("CodeDeployDefault.ECSAllAtOnce");
  }

  /** A group shaped elsewhere (Terraform, the console) with its own deployment configuration. */
  private void groupWithConfig(String lane, String config) {
    harness.createGroup(lane, 0);
    harness.codeDeploy.updateDeploymentGroup(
        b ->
            b.applicationName(lane + "-app")
                .currentDeploymentGroupName(lane + "-dg")
                .deploymentConfigName(config));
  }
}
