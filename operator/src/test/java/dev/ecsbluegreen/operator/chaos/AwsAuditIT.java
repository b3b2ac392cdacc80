package dev.ecsbluegreen.operator.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.aws.AppSpec;
import dev.ecsbluegreen.operator.aws.AppSpecRenderer;
import dev.ecsbluegreen.operator.aws.DeploymentDescription;
import dev.ecsbluegreen.operator.aws.DeploymentRequest;
import dev.ecsbluegreen.operator.aws.ReleaseIdentity;
import dev.ecsbluegreen.operator.aws.SimulatedAwsFixture;
import dev.ecsbluegreen.operator.chaos.Defect.Kind;
import dev.ecsbluegreen.operator.fixtures.Releases;
import dev.ecsbluegreen.operator.taskdef.TaskDefinitionResolver;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.ecs.EcsClient;

/** The chaos audit finds each kind of defect it reports, and none in a release that has none. */
class AwsAuditIT {
  private static final String UID = "0f4c-uid";
  private static final ChaosRelease PLANNED =
      new ChaosRelease(
          SimulatedAwsFixture.SERVICE, ReleaseShape.ALL_AT_ONCE, 10, 1, 0, Duration.ZERO, false);
  private static final ReleaseIdentity ATTEMPT =
      new ReleaseIdentity("default", SimulatedAwsFixture.SERVICE, UID, 1, "token-1");

  private final SimulatedAwsFixture f = new SimulatedAwsFixture();
  private CodeDeployClient codeDeploy;
  private EcsClient ecs;
  private AwsAudit audit;
  private String revision;
  private String deploymentId;

  @BeforeEach
  void deployOnce() {
    var credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDAUDIT", "secret"));
    codeDeploy =
        CodeDeployClient.builder()
            .endpointOverride(f.sim.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    ecs =
        EcsClient.builder()
            .endpointOverride(f.sim.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    audit = new AwsAudit(codeDeploy, ecs, SimulatedAwsFixture.CLUSTER);
    f.createGroup(f.group(0, "CONTINUE_DEPLOYMENT", null));
    revision = register("web:2");
    deploymentId = deploy();
    f.advanceMinutes(30);
  }

  @AfterEach
  void close() {
    codeDeploy.close();
    ecs.close();
    f.close();
  }

  @Test
  void aReleaseWhoseStatusAgreesWithAwsHasNoDefect() {
    var defects = audit.audit(List.of(PLANNED), inCluster(succeededStatus(deploymentId)));

    assertThat(defects).isEmpty();
    assertThat(audit.deploymentsSeen()).isEqualTo(1);
    assertThat(audit.revisionsSeen()).isEqualTo(1);
  }

  @Test
  void aSecondDeploymentForTheSameAttemptIsADuplicate() {
    String second = deploy();
    f.advanceMinutes(30);

    var defects = audit.audit(List.of(PLANNED), inCluster(succeededStatus(second)));

    assertThat(defects)
        .filteredOn(d -> d.kind() == Kind.DUPLICATE_DEPLOYMENT)
        .singleElement()
        .satisfies(d -> assertThat(d.detail()).contains(deploymentId, second));
  }

  @Test
  void aSecondRevisionOfTheSameContentIsADuplicate() {
    register("web:2");

    var defects = audit.audit(List.of(PLANNED), inCluster(succeededStatus(deploymentId)));

    assertThat(defects).extracting(Defect::kind).containsExactly(Kind.DUPLICATE_REVISION);
  }

  @Test
  void aReleaseEndedOtherwiseThanItsShapeRequiresHasTheWrongPhase() {
    var status = status(deploymentId, "RolledBack", "SUCCEEDED");

    var defects = audit.audit(List.of(PLANNED), inCluster(status));

    assertThat(defects).extracting(Defect::kind).contains(Kind.WRONG_PHASE);
    // AWS holds no rollback of the deployment, so the status contradicts it too.
    assertThat(defects)
        .filteredOn(d -> d.kind() == Kind.STATUS_MISMATCH)
        .extracting(Defect::detail)
        .anyMatch(detail -> detail.startsWith("rollback"));
  }

  @Test
  void aReleaseStillUnderWayIsUnfinishedRatherThanWrong() {
    var status = status(deploymentId, "ShiftingTraffic", "SUCCEEDED");

    var defects = audit.audit(List.of(PLANNED), inCluster(status));

    assertThat(defects).extracting(Defect::kind).containsExactly(Kind.UNFINISHED);
  }

  @Test
  void aReleaseThatHasNotDeployedYetIsOnlyUnfinished() {
    var json = Map.of("observedGeneration", 1, "phase", "Pending", "releaseToken", "token-9");
    var status =
        Serialization.unmarshal(Serialization.asJson(json), EcsBlueGreenReleaseStatus.class);

    var defects = audit.audit(List.of(PLANNED), inCluster(status));

    assertThat(defects).extracting(Defect::kind).containsExactly(Kind.UNFINISHED);
  }

  @Test
  void aStatusNamingAnotherDeploymentStateIsAMismatch() {
    var defects =
        audit.audit(List.of(PLANNED), inCluster(status(deploymentId, "Succeeded", "IN_PROGRESS")));

    assertThat(defects)
        .extracting(Defect::kind, Defect::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Kind.STATUS_MISMATCH, "deploymentStatus is inprogress, AWS's is succeeded"));
  }

  @Test
  void aReleaseMissingFromTheClusterIsReported() {
    var defects = audit.audit(List.of(PLANNED), Map.of());

    assertThat(defects).extracting(Defect::kind).containsExactly(Kind.WRONG_PHASE);
  }

  private EcsBlueGreenReleaseStatus succeededStatus(String id) {
    return status(id, "Succeeded", "SUCCEEDED");
  }

  private EcsBlueGreenReleaseStatus status(String id, String phase, String deploymentStatus) {
    var json =
        Map.of(
            "observedGeneration", 1,
            "phase", phase,
            "releaseToken", ATTEMPT.token(),
            "deploymentId", id,
            "deploymentStatus", deploymentStatus,
            "taskDefinitionArn", revision);
    return Serialization.unmarshal(Serialization.asJson(json), EcsBlueGreenReleaseStatus.class);
  }

  private Map<String, EcsBlueGreenRelease> inCluster(EcsBlueGreenReleaseStatus status) {
    var release = Releases.release(SimulatedAwsFixture.SERVICE).build();
    release.getMetadata().setUid(UID);
    release.getMetadata().setGeneration(1L);
    release.setStatus(status);
    return Map.of(SimulatedAwsFixture.SERVICE, release);
  }

  /** A revision tagged as the operator tags one, for this release and image. */
  private String register(String image) {
    var form = (ObjectNode) f.aws.ecs().describeTaskDefinition("web").registerForm().deepCopy();
    ((ObjectNode) form.get("containerDefinitions").get(0)).put("image", image);
    return f.aws
        .ecs()
        .registerTaskDefinition(
            form,
            Map.of(
                TaskDefinitionResolver.TAG_RELEASE_UID,
                UID,
                TaskDefinitionResolver.TAG_GENERATION,
                "1",
                TaskDefinitionResolver.TAG_DEFINITION_HASH,
                "hash-of-" + image));
  }

  private String deploy() {
    String content =
        """
        {"version":0.0,"Resources":[{"TargetService":{"Type":"AWS::ECS::Service",\
        "Properties":{"TaskDefinition":"%s","LoadBalancerInfo":\
        {"ContainerName":"app","ContainerPort":8080}}}}]}"""
            .formatted(revision);
    return f.aws
        .codeDeploy()
        .createDeployment(
            new DeploymentRequest(
                SimulatedAwsFixture.APP,
                SimulatedAwsFixture.GROUP,
                ReleaseShape.ALL_AT_ONCE_CONFIG,
                new AppSpec(content, AppSpecRenderer.sha256(content)),
                DeploymentDescription.of(ATTEMPT),
                true,
                false,
                List.of()));
  }
}
