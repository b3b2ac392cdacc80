package dev.ecsbluegreen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsbluegreen.simulator.world.World;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHook;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookAction;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookStage;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookStatus;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookTargetType;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentLifecycleStage;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;

/** Lifecycle hooks of ECS service deployments: Lambda functions under ECS's contract, PAUSE. */
class EcsLifecycleHookTest {

  /** After this long a BLUE_GREEN deployment has shifted test traffic and runs its hooks. */
  private static final Duration TO_POST_TEST = Duration.ofSeconds(1 + 30 + 5);

  private EcsNativeFixture f =
      new EcsNativeFixture(
          EcsNativeFixture.world()
              .function(World.FunctionSpec.inProgress("twice", 2, 10))
              .function(World.FunctionSpec.inProgress("once-default-delay", 1, null))
              .function(
                  new World.FunctionSpec(
                      "smoke",
                      World.Behaviour.HTTP_CHECK,
                      new World.HttpCheckSpec(World.ListenerKind.TEST, "/", 200, 10),
                      null,
                      null))
              .build());

  @AfterEach
  void close() {
    f.close();
  }

  private DeploymentLifecycleHook lambda(String function, DeploymentLifecycleHookStage stage) {
    return DeploymentLifecycleHook.builder()
        .hookTargetArn(f.functionArn(function))
        .roleArn(EcsNativeFixture.HOOK_ROLE)
        .lifecycleStages(stage)
        .build();
  }

  private DeploymentLifecycleHook pause(DeploymentLifecycleHookStage stage, int timeoutMinutes) {
    return DeploymentLifecycleHook.builder()
        .targetType(DeploymentLifecycleHookTargetType.PAUSE)
        .lifecycleStages(stage)
        .timeoutConfiguration(t -> t.timeoutInMinutes(timeoutMinutes))
        .build();
  }

  private String deployWith(DeploymentLifecycleHook... hooks) {
    return f.deploy(
        c -> c.strategy(DeploymentStrategy.BLUE_GREEN).bakeTimeInMinutes(0).lifecycleHooks(hooks));
  }

  @Test
  void aSucceedingHookIsReportedAndTheDeploymentCompletes() {
    String arn = deployWith(lambda("ok", DeploymentLifecycleHookStage.POST_TEST_TRAFFIC_SHIFT));
    f.clock.advance(TO_POST_TEST);

    var atHook = f.deployment(arn);
    f.clock.advance(Duration.ofMinutes(1));

    assertThat(atHook.lifecycleStage())
        .isEqualTo(ServiceDeploymentLifecycleStage.PRODUCTION_TRAFFIC_SHIFT);
    assertThat(f.deployment(arn).status()).isEqualTo(ServiceDeploymentStatus.SUCCESSFUL);
  }

  @Test
  void aFailingHookRollsBackToTheSourceRevision() throws Exception {
    String arn = deployWith(lambda("fail", DeploymentLifecycleHookStage.POST_TEST_TRAFFIC_SHIFT));
    f.clock.advance(TO_POST_TEST);

    var failed = f.deployment(arn);
    assertThat(failed.status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_REQUESTED);
    assertThat(failed.rollback().reason()).contains(f.functionArn("fail")).contains("FAILED");
    assertThat(failed.rollback().serviceRevisionArn()).endsWith("service-revision/prod/shop/1");
    assertThat(failed.rollback().startedAt()).isEqualTo(f.clock.now());
    assertThat(failed.lifecycleHookDetails())
        .extracting(h -> h.status())
        .containsExactly(DeploymentLifecycleHookStatus.FAILED);
    f.clock.advance(Duration.ofSeconds(1));
    assertThat(f.deployment(arn).status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_IN_PROGRESS);
    assertThat(f.answersFromRevision2(World.ListenerKind.TEST, 10)).isZero();
    f.clock.advance(Duration.ofSeconds(10));

    var rolledBack = f.deployment(arn);
    assertThat(rolledBack.status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
    assertThat(rolledBack.statusReason()).isEqualTo(failed.rollback().reason());
    assertThat(rolledBack.finishedAt()).isEqualTo(f.clock.now());
    assertThat(f.service().currentServiceRevisions())
        .extracting(r -> r.arn())
        .containsExactly(failed.sourceServiceRevisions().get(0).arn());
    assertThat(f.service().taskDefinition()).endsWith("shop:1");
  }

  @Test
  void anInProgressAnswerIsInvokedAgainAfterTheCallBackDelay() {
    String arn = deployWith(lambda("twice", DeploymentLifecycleHookStage.POST_TEST_TRAFFIC_SHIFT));
    f.clock.advance(TO_POST_TEST);

    // Invoked at once (IN_PROGRESS), after 10 s (IN_PROGRESS), after 20 s (SUCCEEDED).
    f.clock.advance(Duration.ofSeconds(19));
    var waiting = f.deployment(arn);
    f.clock.advance(Duration.ofSeconds(1));
    var after = f.deployment(arn);

    assertThat(waiting.lifecycleStage())
        .isEqualTo(ServiceDeploymentLifecycleStage.POST_TEST_TRAFFIC_SHIFT);
    assertThat(waiting.lifecycleHookDetails().get(0).status())
        .isEqualTo(DeploymentLifecycleHookStatus.IN_PROGRESS);
    assertThat(after.lifecycleStage())
        .isEqualTo(ServiceDeploymentLifecycleStage.PRODUCTION_TRAFFIC_SHIFT);
  }

  @Test
  void withoutACallBackDelayEcsInvokesAgainAfterThirtySeconds() {
    String arn =
        deployWith(lambda("once-default-delay", DeploymentLifecycleHookStage.POST_SCALE_UP));
    f.clock.advance(Duration.ofSeconds(1 + 30 + 29));
    var waiting = f.deployment(arn);
    f.clock.advance(Duration.ofSeconds(1));

    assertThat(waiting.lifecycleStage()).isEqualTo(ServiceDeploymentLifecycleStage.POST_SCALE_UP);
    assertThat(f.deployment(arn).lifecycleStage())
        .isEqualTo(ServiceDeploymentLifecycleStage.TEST_TRAFFIC_SHIFT);
  }

  @Test
  void aSilentHookTimesOutAndItsTimeoutActionDecides() {
    var rollbackOnTimeout =
        lambda("silent", DeploymentLifecycleHookStage.POST_SCALE_UP).toBuilder()
            .timeoutConfiguration(t -> t.timeoutInMinutes(5))
            .build();
    String arn = deployWith(rollbackOnTimeout);
    f.clock.advance(Duration.ofSeconds(1 + 30).plusMinutes(5));

    var timedOut = f.deployment(arn);
    assertThat(timedOut.status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_REQUESTED);
    assertThat(timedOut.lifecycleHookDetails().get(0).status())
        .isEqualTo(DeploymentLifecycleHookStatus.TIMED_OUT);
    assertThat(timedOut.statusReason()).contains("timed out");
  }

  @Test
  void aTimeoutWithActionContinueMovesOn() {
    var continueOnTimeout =
        lambda("silent", DeploymentLifecycleHookStage.POST_SCALE_UP).toBuilder()
            .timeoutConfiguration(
                t -> t.timeoutInMinutes(2).action(DeploymentLifecycleHookAction.CONTINUE))
            .build();
    String arn = deployWith(continueOnTimeout);
    f.clock.advance(Duration.ofSeconds(1 + 30).plusMinutes(2));

    var moved = f.deployment(arn);
    assertThat(moved.status()).isEqualTo(ServiceDeploymentStatus.IN_PROGRESS);
    assertThat(moved.lifecycleStage())
        .isEqualTo(ServiceDeploymentLifecycleStage.TEST_TRAFFIC_SHIFT);
    f.clock.advance(Duration.ofMinutes(1));
    assertThat(f.deployment(arn).status()).isEqualTo(ServiceDeploymentStatus.SUCCESSFUL);
  }

  @Test
  void anHttpCheckHookSeesTheTargetRevisionThroughTheTestListener() {
    String arn = deployWith(lambda("smoke", DeploymentLifecycleHookStage.POST_TEST_TRAFFIC_SHIFT));
    f.clock.advance(Duration.ofMinutes(1));

    assertThat(f.deployment(arn).status()).isEqualTo(ServiceDeploymentStatus.SUCCESSFUL);
  }

  @Test
  void anHttpCheckHookFailsWhenTheTargetRevisionAnswersErrors() {
    f.close();
    f =
        new EcsNativeFixture(
            EcsNativeFixture.world()
                .taskDefinition("broken", Map.of("SIM_ERROR_RATE", "1"))
                .function(
                    new World.FunctionSpec(
                        "smoke",
                        World.Behaviour.HTTP_CHECK,
                        new World.HttpCheckSpec(World.ListenerKind.TEST, "/", 200, 10),
                        null,
                        null))
                .build());
    String arn =
        f.ecs
            .updateService(
                b ->
                    b.cluster("prod")
                        .service("shop")
                        .taskDefinition("broken:1")
                        .deploymentConfiguration(
                            c ->
                                c.strategy(DeploymentStrategy.BLUE_GREEN)
                                    .lifecycleHooks(
                                        lambda(
                                            "smoke",
                                            DeploymentLifecycleHookStage.POST_TEST_TRAFFIC_SHIFT))))
            .service()
            .currentServiceDeployment();
    f.clock.advance(TO_POST_TEST);

    assertThat(f.deployment(arn).statusReason()).contains("0 of 10 requests to / answered 200");
  }

  @Test
  void anUnknownFunctionFailsTheHook() {
    String arn = deployWith(lambda("nobody", DeploymentLifecycleHookStage.PRE_SCALE_UP));
    f.clock.advance(Duration.ofSeconds(1));

    assertThat(f.deployment(arn).statusReason()).contains("Function not found");
    assertThat(f.deployment(arn).status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_REQUESTED);
  }

  @Test
  void aPauseHookAwaitsContinueThenTheDeploymentGoesOn() {
    String arn = deployWith(pause(DeploymentLifecycleHookStage.PRE_PRODUCTION_TRAFFIC_SHIFT, 60));
    f.clock.advance(Duration.ofMinutes(30));

    var paused = f.deployment(arn);
    var hook = paused.lifecycleHookDetails().get(0);
    assertThat(hook.status()).isEqualTo(DeploymentLifecycleHookStatus.AWAITING_ACTION);
    assertThat(hook.targetType()).isEqualTo(DeploymentLifecycleHookTargetType.PAUSE);
    assertThat(hook.timeoutAction()).isEqualTo(DeploymentLifecycleHookAction.ROLLBACK);
    assertThat(hook.expiresAt())
        .isEqualTo(paused.startedAt().plusSeconds(30 + 5).plus(Duration.ofMinutes(60)));
    assertThat(paused.targetServiceRevision().requestedProductionTrafficWeight()).isZero();

    f.ecs.continueServiceDeployment(b -> b.serviceDeploymentArn(arn).hookId(hook.hookId()));
    f.clock.advance(Duration.ofSeconds(10));

    assertThat(f.deployment(arn).status()).isEqualTo(ServiceDeploymentStatus.SUCCESSFUL);
  }

  @Test
  void continueWithRollbackRollsTheDeploymentBack() {
    String arn = deployWith(pause(DeploymentLifecycleHookStage.POST_TEST_TRAFFIC_SHIFT, 60));
    f.clock.advance(TO_POST_TEST);
    String hookId = f.deployment(arn).lifecycleHookDetails().get(0).hookId();

    f.ecs.continueServiceDeployment(
        b ->
            b.serviceDeploymentArn(arn)
                .hookId(hookId)
                .action(DeploymentLifecycleHookAction.ROLLBACK));
    f.clock.advance(Duration.ofMinutes(1));

    var rolledBack = f.deployment(arn);
    assertThat(rolledBack.status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
    assertThat(rolledBack.rollback().reason())
        .contains("ContinueServiceDeployment")
        .contains(hookId);
  }

  @Test
  void aPauseHookTimesOutPerItsTimeout() {
    String arn = deployWith(pause(DeploymentLifecycleHookStage.POST_SCALE_UP, 10));
    f.clock.advance(Duration.ofSeconds(1 + 30).plusMinutes(10));

    assertThat(f.deployment(arn).status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_REQUESTED);
    assertThat(f.deployment(arn).statusReason()).contains("PAUSE hook").contains("timed out");
  }

  @Test
  void continueNamingNoHookOfTheStageIsRefused() {
    String arn = deployWith(pause(DeploymentLifecycleHookStage.POST_SCALE_UP, 10));
    f.clock.advance(Duration.ofSeconds(1 + 30));

    assertThatThrownBy(
            () -> f.ecs.continueServiceDeployment(b -> b.serviceDeploymentArn(arn).hookId("nope")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("hookId nope is not a lifecycle hook of the stage in progress");
  }

  @Test
  void pauseIsRefusedOnTheTrafficShiftStages() {
    for (var stage :
        new DeploymentLifecycleHookStage[] {
          DeploymentLifecycleHookStage.TEST_TRAFFIC_SHIFT,
          DeploymentLifecycleHookStage.PRODUCTION_TRAFFIC_SHIFT
        }) {
      assertThatThrownBy(() -> deployWith(pause(stage, 10)))
          .isInstanceOf(InvalidParameterException.class)
          .hasMessageContaining("lifecycleHooks[0]: a PAUSE hook cannot run at " + stage);
    }
  }

  @Test
  void rollbackRunsTheTrafficShiftHooksAgain() {
    var slowTestHook = lambda("twice", DeploymentLifecycleHookStage.TEST_TRAFFIC_SHIFT);
    String arn =
        deployWith(
            slowTestHook, lambda("fail", DeploymentLifecycleHookStage.POST_TEST_TRAFFIC_SHIFT));
    f.clock.advance(TO_POST_TEST.plusSeconds(20));
    assertThat(f.deployment(arn).status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_REQUESTED);

    f.clock.advance(Duration.ofSeconds(1));
    var rollingBack = f.deployment(arn);

    assertThat(rollingBack.status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_IN_PROGRESS);
    assertThat(rollingBack.lifecycleStage())
        .isEqualTo(ServiceDeploymentLifecycleStage.TEST_TRAFFIC_SHIFT);
    assertThat(rollingBack.lifecycleHookDetails())
        .extracting(h -> h.targetArn(), h -> h.status())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                f.functionArn("twice"), DeploymentLifecycleHookStatus.IN_PROGRESS));
    f.clock.advance(Duration.ofSeconds(20 + 10));
    assertThat(f.deployment(arn).status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
  }
}
