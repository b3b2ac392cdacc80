package dev.ecsbluegreen.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsbluegreen.operator.api.v1alpha1.ManagedDeploymentGroup;
import dev.ecsbluegreen.operator.api.v1alpha1.ManagedDeploymentGroup.ActionOnTimeout;
import dev.ecsbluegreen.operator.api.v1alpha1.ManagedDeploymentGroup.AutoRollbackEvent;
import dev.ecsbluegreen.operator.api.v1alpha1.ManagedDeploymentGroup.TriggerEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManagedGroupMapperTest {

  private static final String PROD = "arn:aws:elasticloadbalancing:us-east-1:1:listener/app/lb/1/2";
  private static final String TEST = "arn:aws:elasticloadbalancing:us-east-1:1:listener/app/lb/1/3";

  private static ManagedDeploymentGroup create(ManagedDeploymentGroup.ReadyOption ready) {
    return new ManagedDeploymentGroup(
        "arn:aws:iam::1:role/cd",
        List.of("blue", "green"),
        List.of(PROD),
        List.of(TEST),
        null,
        ready,
        List.of(AutoRollbackEvent.DEPLOYMENT_FAILURE, AutoRollbackEvent.DEPLOYMENT_STOP_ON_ALARM),
        List.of("web-5xx"),
        List.of(
            new ManagedDeploymentGroup.TriggerConfig(
                "notify",
                "arn:aws:sns:us-east-1:1:deploys",
                List.of(TriggerEvent.DeploymentFailure, TriggerEvent.DeploymentStart))));
  }

  private static DeploymentGroupState desired(ManagedDeploymentGroup.ReadyOption ready) {
    return ManagedGroupMapper.desired(
        TestSpecs.spec(TestSpecs.template(null, "web:2", null), create(ready), Map.of()));
  }

  @Test
  void mapsTheManagedGroupOfTheSpec() {
    var state = desired(null);

    assertThat(state.application()).isEqualTo("web-app");
    assertThat(state.deploymentGroup()).isEqualTo("web-dg");
    assertThat(state.serviceRoleArn()).isEqualTo("arn:aws:iam::1:role/cd");
    assertThat(state.clusterName()).isEqualTo("prod");
    assertThat(state.serviceName()).isEqualTo("web");
    assertThat(state.targetGroups()).containsExactly("blue", "green");
    assertThat(state.productionListenerArns()).containsExactly(PROD);
    assertThat(state.testListenerArns()).containsExactly(TEST);
    assertThat(state.terminationWaitMinutes()).isEqualTo(60);
    assertThat(state.readyAction()).isEqualTo("CONTINUE_DEPLOYMENT");
    assertThat(state.readyWaitMinutes()).isNull();
    assertThat(state.autoRollbackEvents())
        .containsExactly("DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM");
    assertThat(state.alarms()).containsExactly("web-5xx");
    assertThat(state.triggers())
        .containsExactly(
            new DeploymentGroupState.Trigger(
                "notify",
                "arn:aws:sns:us-east-1:1:deploys",
                List.of("DeploymentFailure", "DeploymentStart")));
  }

  @Test
  void aManualGateMapsToStopDeploymentWithItsWait() {
    var state =
        desired(new ManagedDeploymentGroup.ReadyOption(ActionOnTimeout.STOP_DEPLOYMENT, 90));

    assertThat(state.readyAction()).isEqualTo("STOP_DEPLOYMENT");
    assertThat(state.readyWaitMinutes()).isEqualTo(90);
  }

  @Test
  void aReleaseWithoutCreateHasNoDesiredGroup() {
    assertThatThrownBy(
            () -> ManagedGroupMapper.desired(TestSpecs.spec(TestSpecs.template(null, "x", null))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void identicalGroupsHaveNoDrift() {
    assertThat(ManagedGroupMapper.drift(desired(null), desired(null))).isEmpty();
  }

  @Test
  void orderOfSetLikeListsIsNotDrift() {
    var desired = desired(null);
    var reordered =
        new DeploymentGroupState(
            desired.application(),
            desired.deploymentGroup(),
            desired.serviceRoleArn(),
            desired.clusterName(),
            desired.serviceName(),
            List.of("green", "blue"),
            desired.productionListenerArns(),
            desired.testListenerArns(),
            desired.terminationWaitMinutes(),
            desired.readyAction(),
            0,
            List.of("DEPLOYMENT_STOP_ON_ALARM", "DEPLOYMENT_FAILURE"),
            desired.alarms(),
            List.of(
                new DeploymentGroupState.Trigger(
                    "notify",
                    "arn:aws:sns:us-east-1:1:deploys",
                    List.of("DeploymentStart", "DeploymentFailure"))));

    assertThat(ManagedGroupMapper.drift(desired, reordered)).isEmpty();
  }

  @Test
  void namesEachDriftedField() {
    var desired =
        desired(new ManagedDeploymentGroup.ReadyOption(ActionOnTimeout.STOP_DEPLOYMENT, 30));
    var actual =
        new DeploymentGroupState(
            desired.application(),
            desired.deploymentGroup(),
            "arn:aws:iam::1:role/other",
            desired.clusterName(),
            desired.serviceName(),
            desired.targetGroups(),
            desired.productionListenerArns(),
            List.of(),
            5,
            "STOP_DEPLOYMENT",
            60,
            List.of(),
            List.of("web-5xx", "extra"),
            List.of());

    assertThat(ManagedGroupMapper.drift(desired, actual))
        .containsExactly(
            "serviceRoleArn",
            "testListenerArns",
            "terminationWaitMinutes",
            "readyWaitMinutes",
            "autoRollbackEvents",
            "alarms",
            "triggers");
  }
}
