package dev.ecsbluegreen.operator.iam;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsbluegreen.operator.analysis.ListenerCheckIT;
import dev.ecsbluegreen.operator.analysis.ShiftingCheckIT;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsCanary;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsLifecycleHook;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec.EcsStrategy;
import dev.ecsbluegreen.operator.api.v1alpha1.ManagedDeploymentGroup;
import dev.ecsbluegreen.operator.config.EventsSettings;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.Lanes;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import dev.ecsbluegreen.operator.fixtures.Releases;
import dev.ecsbluegreen.operator.reconciler.Actions;
import dev.ecsbluegreen.simulator.world.World;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * examples/iam-policy.json against what the operator really calls: a set of releases covering every
 * feature that reaches AWS runs through the real operator and SDK clients against the simulator,
 * and the simulator's call log is compared with the policy both ways. A call the policy does not
 * allow would fail in production with AccessDenied; an action the policy grants that no release
 * uses is a permission nobody needs.
 */
class IamPolicyCoversCallsIT {
  /** The access key of the test's own calls, which are left out of what the operator called. */
  static final String TEST_KEY = "AKIDTESTSETUP";

  static OperatorHarness harness;
  static OperatorHarness ecsHarness;
  static OperatorHarness analysisHarness;
  static Set<String> called;

  @BeforeAll
  static void releaseEverything() {
    harness =
        new OperatorHarness("canary", "inline", "managed", "crossacct", "rollback", "elsewhere");
    // Events on, so the queue's calls are in the log; the safety-net poll as short as the idle one,
    // because simulated time here runs far ahead of the wall clock and every phase must be seen.
    var events =
        new EventsSettings(harness.eventsQueueUrl(), Duration.ofMillis(100), Duration.ofMinutes(2));
    harness.restartWithEvents(Duration.ofMillis(50), Duration.ofMillis(100), events);
    harness.createGroup("canary", 0);
    harness.createGroup(harness.groupShape("inline", 0, "STOP_DEPLOYMENT", 600));
    harness.createGroup("crossacct", 0);
    harness.createGroup("rollback", 0);
    harness.createGroup("elsewhere", 0);
    // Only the operator's calls count, not the test's setup above.
    harness.sim.callLog().clear();

    harness.apply(
        release("canary")
            .canary(10, 5)
            .hook("afterAllowTestTraffic", "CodeDeployHook_ok")
            .analysis(ShiftingCheckIT.errorRatio(1, 1))
            .build());
    harness.awaitPhase("canary", Phase.Succeeded);

    harness.apply(inlineWithManualPromotion());
    harness.awaitPhase("inline", Phase.AwaitingPromotion);
    harness.annotate("inline", Actions.PROMOTE);
    harness.awaitPhase("inline", Phase.Succeeded);

    harness.apply(managed("example/web:2").build());
    harness.awaitPhase("managed", Phase.Succeeded);
    harness.update("managed", spec -> managed("example/web:3").spec());
    harness.awaitRelease(
        "managed", s -> s.observedGeneration() == 2 && s.phase() == Phase.Succeeded);

    harness.apply(release("crossacct").role(OperatorHarness.ROLE).build());
    harness.awaitPhase("crossacct", Phase.Succeeded);

    // Without events for the next two: a deployment that events report has its target read only
    // for a change, and these need it read (the weights of a shift to roll back, an id to list).
    harness.restartWithEvents(Duration.ofMillis(50), Duration.ofMillis(100), EventsSettings.NONE);
    harness.apply(release("rollback").canary(10, 30).build());
    harness.awaitRelease(
        "rollback", s -> s.phase() == Phase.ShiftingTraffic && s.traffic().green() == 10);
    harness.annotate("rollback", Actions.ROLLBACK);
    var rolledBack = harness.awaitPhase("rollback", Phase.RolledBack);
    // A retry reuses the revision it registered, so it looks for deployments in the group first.
    harness.annotate("rollback", Actions.RETRY);
    harness.awaitRelease(
        "rollback",
        s -> s.deploymentId() != null && !s.deploymentId().equals(rolledBack.deploymentId()));

    // A group that deploys another service than the release names: the deployment's target is
    // not where the release expects it, so its id is listed.
    harness.apply(release("elsewhere").service("canary").image("example/elsewhere:2").build());
    harness.awaitPhase("elsewhere", Phase.Succeeded);
    harness.restartWithEvents(Duration.ofMillis(50), Duration.ofMillis(100), events);
    handBackAMessageWhileStopping();

    ecsHarness =
        OperatorHarness.ecsNative(KubernetesUnderTest.mockServer(), "nativegate", "nativeroll");
    ecsHarness.sim.callLog().clear();
    releaseThroughEcsNativeDeployments();

    analysisHarness = OperatorHarness.withDataPlane(KubernetesUnderTest.mockServer(), "listened");
    releaseWithAListenerCheck();

    called =
        Stream.of(harness, ecsHarness, analysisHarness)
            .flatMap(h -> h.sim.callLog().all().stream())
            .filter(call -> !TEST_KEY.equals(call.caller()))
            .map(call -> IamPolicy.iamAction(call.service(), call.operation()))
            .collect(Collectors.toCollection(TreeSet::new));
  }

  /** spec.ecs: a gated release promoted, with a Lambda hook; a canary rolled back. */
  private static void releaseThroughEcsNativeDeployments() {
    var hook =
        new EcsLifecycleHook(
            "arn:aws:lambda:us-east-1:123456789012:function:CodeDeployHook_ok",
            "arn:aws:iam::123456789012:role/ecs-hook-invoker",
            List.of(EcsLifecycleHook.EcsHookStage.POST_TEST_TRAFFIC_SHIFT),
            null,
            null,
            null);
    ecsHarness.apply(
        release("nativegate")
            .ecs(new EcsSpec(EcsStrategy.BlueGreen, null, null, 0, null, List.of(hook), null))
            .manualPromotion()
            .build());
    ecsHarness.awaitPhase("nativegate", Phase.AwaitingPromotion);
    ecsHarness.annotate("nativegate", Actions.PROMOTE);
    ecsHarness.awaitPhase("nativegate", Phase.Succeeded);

    ecsHarness.apply(
        release("nativeroll")
            .ecs(
                new EcsSpec(EcsStrategy.Canary, null, new EcsCanary(10.0, 30), 0, null, null, null))
            .build());
    ecsHarness.awaitRelease("nativeroll", s -> s.phase() == Phase.ShiftingTraffic);
    ecsHarness.annotate("nativeroll", Actions.ROLLBACK);
    ecsHarness.awaitPhase("nativeroll", Phase.RolledBack);
  }

  /** An analysis check on the release's test listener, resolved through Elastic Load Balancing. */
  private static void releaseWithAListenerCheck() {
    analysisHarness.createGroup(analysisHarness.groupShape("listened", 0, "STOP_DEPLOYMENT", 600));
    analysisHarness.sim.callLog().clear();
    analysisHarness.apply(
        release("listened").analysis(ListenerCheckIT.onTestListener("smoke", 1)).build());
    analysisHarness.awaitPhase("listened", Phase.Succeeded);
  }

  /** An operator stopping during a long poll hands what it then receives back to the queue. */
  private static void handBackAMessageWhileStopping() {
    harness.stopOperator();
    try (var sqs = sqsClient()) {
      sqs.sendMessage(b -> b.queueUrl(harness.eventsQueueUrl().toString()).messageBody("{}"));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> harness.sim.callLog().count("ChangeMessageVisibility") > 0);
    harness.startOperator();
  }

  private static SqsClient sqsClient() {
    return SqsClient.builder()
        .endpointOverride(harness.sim.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(TEST_KEY, "secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @AfterAll
  static void stop() {
    harness.close();
    ecsHarness.close();
    analysisHarness.close();
  }

  @Test
  void thePolicyAllowsEveryCallTheOperatorMakes() {
    var policy = IamPolicy.example();

    var denied =
        called.stream().filter(action -> !policy.allows(action.replace(':', '.'))).toList();

    assertThat(denied).as("calls examples/iam-policy.json does not allow").isEmpty();
  }

  @Test
  void thePolicyGrantsNothingTheOperatorDoesNotCall() {
    var policy = IamPolicy.example();
    var unused = new TreeSet<>(policy.actions());
    unused.removeAll(policy.impliedActions());
    unused.removeAll(called);

    assertThat(unused)
        .as("actions examples/iam-policy.json grants but no call used (called: %s)", called)
        .isEmpty();
  }

  @Test
  void theReleaseSetReachedEveryServiceTheOperatorUses() {
    assertThat(called)
        .contains(
            "codedeploy:CreateDeployment",
            "codedeploy:StopDeployment",
            "codedeploy:ContinueDeployment",
            "codedeploy:CreateDeploymentGroup",
            "codedeploy:UpdateDeploymentGroup",
            "ecs:RegisterTaskDefinition",
            "ecs:UpdateService",
            "ecs:DescribeServiceDeployments",
            "ecs:DescribeServiceRevisions",
            "ecs:StopServiceDeployment",
            "ecs:ContinueServiceDeployment",
            "sqs:ReceiveMessage",
            "sqs:DeleteMessage",
            "sqs:ChangeMessageVisibility",
            "sts:AssumeRole",
            "cloudwatch:GetMetricData",
            "elasticloadbalancing:DescribeListeners",
            "elasticloadbalancing:DescribeLoadBalancers");
  }

  private static EcsBlueGreenRelease inlineWithManualPromotion() {
    return harness
        .client
        .getKubernetesSerialization()
        .unmarshal(
            """
            apiVersion: ecs.bluegreen.dev/v1alpha1
            kind: EcsBlueGreenRelease
            metadata: {name: inline, namespace: default}
            spec:
              service: {cluster: prod, name: inline}
              codeDeploy: {application: inline-app, deploymentGroup: inline-dg}
              taskDefinition:
                inline:
                  family: inline
                  executionRoleArn: arn:aws:iam::123456789012:role/ecs-task-execution-inline
                  taskRoleArn: arn:aws:iam::123456789012:role/ecs-task-role-inline
                  containerDefinitions:
                    - name: app
                      image: example/web:2
                      portMappings: [{containerPort: 8080}]
              loadBalancer: {containerName: app, containerPort: 8080}
              promotion: {mode: Manual}
            """,
            EcsBlueGreenRelease.class);
  }

  private static Releases managed(String image) {
    return release("managed")
        .image(image)
        .managed(
            new ManagedDeploymentGroup(
                Lanes.SERVICE_ROLE,
                List.of("managed-blue", "managed-green"),
                List.of(harness.sim.listenerArn("managed-lb", World.ListenerKind.PRODUCTION)),
                List.of(harness.sim.listenerArn("managed-lb", World.ListenerKind.TEST)),
                image.endsWith(":2") ? 0 : 1,
                null,
                List.of(ManagedDeploymentGroup.AutoRollbackEvent.DEPLOYMENT_FAILURE),
                List.of(),
                List.of()));
  }
}
