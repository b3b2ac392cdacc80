package dev.ecsbluegreen.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck.AnalysisPhase;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsAlarms;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsLifecycleHook;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsLinear;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec.EcsStrategy;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsTrafficResources;
import dev.ecsbluegreen.operator.api.v1alpha1.HttpCheck;
import dev.ecsbluegreen.operator.fixtures.Releases;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The UpdateService request a spec.ecs release sends. */
class ServiceUpdateRequestsTest {
  static final String TD = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:2";

  @Test
  void manualPromotionAddsAPauseHookBeforeProductionTraffic() throws Exception {
    var hook =
        new EcsLifecycleHook(
            "arn:aws:lambda:us-east-1:123456789012:function:smoke",
            "arn:aws:iam::123456789012:role/ecs-hook-invoker",
            List.of(EcsLifecycleHook.EcsHookStage.POST_TEST_TRAFFIC_SHIFT),
            null,
            EcsLifecycleHook.TimeoutAction.Continue,
            new ObjectMapper().readTree("{\"path\": \"/health\", \"expect\": [200, 204]}"));
    var spec =
        Releases.release("web")
            .ecs(
                new EcsSpec(
                    EcsStrategy.Linear,
                    new EcsLinear(null, null),
                    null,
                    15,
                    null,
                    List.of(hook),
                    new EcsAlarms(List.of("web-5xx"), null)))
            .manualPromotion()
            .spec();

    var request = ServiceUpdateRequests.of(new ServiceUpdate(spec, TD, null));

    var config = request.deploymentConfiguration();
    assertThat(request.taskDefinition()).isEqualTo(TD);
    assertThat(request.hasLoadBalancers()).isFalse();
    assertThat(config.strategyAsString()).isEqualTo("LINEAR");
    assertThat(config.bakeTimeInMinutes()).isEqualTo(15);
    assertThat(config.linearConfiguration().stepPercent()).isEqualTo(10.0);
    assertThat(config.linearConfiguration().stepBakeTimeInMinutes()).isEqualTo(6);
    assertThat(config.alarms().alarmNames()).containsExactly("web-5xx");
    assertThat(config.alarms().enable()).isTrue();
    assertThat(config.alarms().rollback()).isTrue();
    assertThat(config.lifecycleHooks()).hasSize(2);
    var lambda = config.lifecycleHooks().get(0);
    assertThat(lambda.targetTypeAsString()).isEqualTo("AWS_LAMBDA");
    assertThat(lambda.timeoutConfiguration().timeoutInMinutes()).isEqualTo(1440);
    assertThat(lambda.timeoutConfiguration().actionAsString()).isEqualTo("CONTINUE");
    assertThat(lambda.hookDetails().asMap().get("path").asString()).isEqualTo("/health");
    assertThat(lambda.hookDetails().asMap().get("expect").asList()).hasSize(2);
    var pause = config.lifecycleHooks().get(1);
    assertThat(pause.targetTypeAsString()).isEqualTo("PAUSE");
    assertThat(pause.lifecycleStagesAsStrings()).containsExactly("PRE_PRODUCTION_TRAFFIC_SHIFT");
    assertThat(pause.timeoutConfiguration().actionAsString()).isEqualTo("ROLLBACK");
    // No ecs.holdMinutes: held as long as ECS allows a hook to wait.
    assertThat(pause.timeoutConfiguration().timeoutInMinutes()).isEqualTo(20160);
  }

  @Test
  void holdMinutesBoundThePauseHookWhichRollsBackWhenTheyRunOut() {
    var spec =
        Releases.release("web")
            .ecs(new EcsSpec(EcsStrategy.Canary, null, null, null, null, null, null, 45))
            .analysis(check(AnalysisPhase.TestTraffic))
            .spec();

    var pause =
        ServiceUpdateRequests.of(new ServiceUpdate(spec, TD, null))
            .deploymentConfiguration()
            .lifecycleHooks()
            .get(0);

    assertThat(pause.targetTypeAsString()).isEqualTo("PAUSE");
    assertThat(pause.timeoutConfiguration().timeoutInMinutes()).isEqualTo(45);
    assertThat(pause.timeoutConfiguration().actionAsString()).isEqualTo("ROLLBACK");
  }

  @Test
  void testTrafficAnalysisAddsThePauseHookWithoutManualPromotion() {
    var spec =
        Releases.release("web")
            .ecs(new EcsSpec(EcsStrategy.Canary, null, null, null, null, null, null))
            .analysis(check(AnalysisPhase.TestTraffic))
            .spec();

    var hooks =
        ServiceUpdateRequests.of(new ServiceUpdate(spec, TD, null))
            .deploymentConfiguration()
            .lifecycleHooks();

    assertThat(hooks)
        .singleElement()
        .satisfies(
            pause -> {
              assertThat(pause.targetTypeAsString()).isEqualTo("PAUSE");
              assertThat(pause.lifecycleStagesAsStrings())
                  .containsExactly("PRE_PRODUCTION_TRAFFIC_SHIFT");
              assertThat(pause.timeoutConfiguration().actionAsString()).isEqualTo("ROLLBACK");
            });
  }

  @Test
  void checksThatRunOnceProductionMovesAddNoPauseHook() {
    var spec =
        Releases.release("web")
            .ecs(new EcsSpec(EcsStrategy.Canary, null, null, null, null, null, null))
            .analysis(check(AnalysisPhase.ShiftingTraffic))
            .analysis(check(AnalysisPhase.Baking))
            .spec();

    var request = ServiceUpdateRequests.of(new ServiceUpdate(spec, TD, null));

    assertThat(request.deploymentConfiguration().lifecycleHooks()).isEmpty();
  }

  private static AnalysisCheck check(AnalysisPhase phase) {
    return new AnalysisCheck(
        phase.name().toLowerCase(),
        phase,
        null,
        null,
        null,
        null,
        null,
        new HttpCheck("http://web-test.internal/health", null, null, null, null, null),
        null,
        null);
  }

  @Test
  void advancedConfigurationTravelsWithTheServicesOwnTargetGroup() {
    var traffic =
        new EcsTrafficResources(
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-green/6d0e",
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/web/1/2/3",
            null,
            "arn:aws:iam::123456789012:role/ecs-infrastructure-lb");
    var spec =
        Releases.release("web")
            .ecs(new EcsSpec(EcsStrategy.BlueGreen, null, null, null, traffic, null, null))
            .spec();
    String own = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-blue/1a2b";

    var request = ServiceUpdateRequests.of(new ServiceUpdate(spec, TD, own));

    var lb = request.loadBalancers().get(0);
    assertThat(lb.targetGroupArn()).isEqualTo(own);
    assertThat(lb.containerName()).isEqualTo("app");
    assertThat(lb.containerPort()).isEqualTo(8080);
    assertThat(lb.advancedConfiguration().alternateTargetGroupArn())
        .isEqualTo(traffic.alternateTargetGroupArn());
    assertThat(lb.advancedConfiguration().roleArn()).isEqualTo(traffic.roleArn());
    assertThat(request.deploymentConfiguration().bakeTimeInMinutes()).isNull();
    assertThat(request.deploymentConfiguration().hasLifecycleHooks()).isTrue();
    assertThat(request.deploymentConfiguration().lifecycleHooks()).isEmpty();
  }
}
