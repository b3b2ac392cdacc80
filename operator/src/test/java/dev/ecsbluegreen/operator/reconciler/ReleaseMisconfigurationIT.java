package dev.ecsbluegreen.operator.reconciler;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static dev.ecsbluegreen.operator.reconciler.ReleaseLifecycleIT.condition;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.Phase;
import dev.ecsbluegreen.operator.fixtures.HarnessScenarios;
import dev.ecsbluegreen.operator.fixtures.KubernetesUnderTest;
import dev.ecsbluegreen.operator.fixtures.OperatorHarness;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocationType;

/**
 * Releases that cannot progress without a change: each ends Stalled with a reason and a message
 * naming the problem, and is retried slowly instead of in a loop.
 */
class ReleaseMisconfigurationIT extends HarnessScenarios {
  @Override
  protected OperatorHarness newHarness(KubernetesUnderTest kubernetes) {
    return new OperatorHarness(
        kubernetes, "nogroup", "nocontainer", "norole", "nohook", "foreign", "manual", "twice");
  }

  @Test
  void missingDeploymentGroupStallsWithTheGroupNamed() {
    harness.apply(release("nogroup").build());

    var status = awaitStalled("nogroup");

    assertThat(status.conditions())
        .allSatisfy(c -> assertThat(c.getReason()).isEqualTo("DeploymentGroupNotFound"));
    assertThat(status.message())
        .contains("nogroup-app/nogroup-dg")
        .contains("DeploymentGroupDoesNotExist");
    assertSlowRetries();
  }

  @Test
  void containerMissingFromTheBaseStallsAsInvalidSpec() {
    harness.createGroup("nocontainer", 0);
    harness.apply(release("nocontainer").container("sidecar").build());

    var status = awaitStalled("nocontainer");

    assertThat(Conditions.find(status.conditions(), "Stalled").get().getReason())
        .isEqualTo("InvalidSpec");
    assertThat(status.message()).contains("sidecar");
    assertThat(harness.revisions("nocontainer")).hasSize(1);
    assertThat(harness.deployments("nocontainer")).isEmpty();
  }

  @Test
  void roleThatCannotBeAssumedStallsAsAccessDenied() {
    harness.createGroup("norole", 0);
    harness.apply(release("norole").role("arn:aws:iam::999999999999:role/unknown").build());

    var status = awaitStalled("norole");

    assertThat(Conditions.find(status.conditions(), "Stalled").get().getReason())
        .isEqualTo("AwsAccessDenied");
    assertThat(status.message()).contains("arn:aws:iam::999999999999:role/unknown");
    assertThat(harness.deployments("norole")).isEmpty();
  }

  @Test
  void hookNamingAnUnknownFunctionStallsNamingIt() {
    harness.createGroup("nohook", 0);
    harness.apply(release("nohook").hook("beforeInstall", "CodeDeployHook_missing").build());

    var status = awaitStalled("nohook");

    assertThat(status.message()).contains("CodeDeployHook_missing");
    assertThat(condition(status, "Ready")).isEqualTo("False");
    assertThat(harness.deployments("nohook")).hasSizeLessThanOrEqualTo(1);
  }

  @Test
  void foreignActiveDeploymentIsReportedThenWaitedFor() {
    // Blue is kept 30 simulated minutes, so the foreign deployment still holds the group when a
    // slow first pass (a loaded machine) gets there while the wait keeps moving simulated time.
    harness.createGroup("foreign", 30);
    String foreign = startForeignDeployment("foreign");

    harness.apply(release("foreign").build());
    var busy =
        harness.awaitRelease(
            "foreign", s -> "DeploymentGroupBusy".equals(reason(s, "Reconciling")));

    assertThat(busy.message()).contains(foreign);
    assertThat(condition(busy, "Reconciling")).isEqualTo("True");
    assertThat(condition(busy, "Stalled")).isEqualTo("False");

    var done = harness.awaitPhase("foreign", Phase.Succeeded);
    assertThat(done.deploymentId()).isNotEqualTo(foreign);
    assertThat(harness.deployments("foreign")).hasSize(2);
  }

  @Test
  void manualPromotionOnAGroupThatDoesNotWaitStallsSayingSo() {
    harness.createGroup("manual", 0);
    harness.apply(release("manual").manualPromotion().build());

    var status = awaitStalled("manual");

    assertThat(reason(status, "Stalled")).isEqualTo("ManualPromotionUnsupported");
    assertThat(status.message()).contains("STOP_DEPLOYMENT");
    assertThat(harness.deployments("manual")).isEmpty();
  }

  @Test
  void containerNamedTwiceStallsAsInvalidSpecBeforeAnythingIsRegistered() {
    harness.createGroup("twice", 0);
    harness.apply(releaseNamingContainerTwice());

    var status = awaitStalled("twice");

    assertThat(reason(status, "Stalled")).isEqualTo("InvalidSpec");
    assertThat(status.message())
        .startsWith("spec.taskDefinition.template.containers: container name app appears twice");
    assertThat(harness.revisions("twice")).hasSize(1);
    assertThat(harness.deployments("twice")).isEmpty();
  }

  /**
   * What a JSON merge patch that appends to the list leaves behind: the same container twice, with
   * different images. An API server with the CRD's rules refuses it; the mock server does not.
   */
  static EcsBlueGreenRelease releaseNamingContainerTwice() {
    JsonNode release =
        Serialization.jsonMapper().valueToTree(release("twice").image("repo/twice:1").build());
    ((ArrayNode) release.at("/spec/taskDefinition/template/containers"))
        .addObject()
        .put("name", "app")
        .put("image", "repo/twice:2");
    return Serialization.jsonMapper().convertValue(release, EcsBlueGreenRelease.class);
  }

  private EcsBlueGreenReleaseStatus awaitStalled(String name) {
    return harness.awaitRelease(name, s -> "True".equals(condition(s, "Stalled")));
  }

  private static String reason(EcsBlueGreenReleaseStatus status, String type) {
    return Conditions.find(status.conditions(), type).map(c -> c.getReason()).orElse(null);
  }

  /**
   * Stalled releases poll at the stalled interval (0.5 s here, minutes in production): over two
   * seconds the few stalled releases of this class make tens of calls, where a retry loop at the
   * step delay would make hundreds.
   */
  private void assertSlowRetries() {
    long before = harness.sim.callLog().size();
    org.awaitility.Awaitility.await()
        .pollDelay(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(3))
        .until(() -> true);
    assertThat(harness.sim.callLog().size() - before).isLessThan(100);
  }

  private String startForeignDeployment(String lane) {
    String arn =
        harness
            .ecs
            .registerTaskDefinition(
                b ->
                    b.family(lane)
                        .containerDefinitions(
                            c ->
                                c.name("app")
                                    .image("someone/else:1")
                                    .portMappings(p -> p.containerPort(8080))))
            .taskDefinition()
            .taskDefinitionArn();
    String appSpec =
        """
        {"version":0.0,"Resources":[{"TargetService":{"Type":"AWS::ECS::Service","Properties":\
        {"TaskDefinition":"%s","LoadBalancerInfo":{"ContainerName":"app","ContainerPort":8080}}}}]}"""
            .formatted(arn);
    return harness
        .codeDeploy
        .createDeployment(
            b ->
                b.applicationName(lane + "-app")
                    .deploymentGroupName(lane + "-dg")
                    .description("started by hand")
                    .revision(
                        r ->
                            r.revisionType(RevisionLocationType.APP_SPEC_CONTENT)
                                .appSpecContent(a -> a.content(appSpec))))
        .deploymentId();
  }
}
