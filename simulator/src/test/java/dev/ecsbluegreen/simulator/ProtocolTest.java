package dev.ecsbluegreen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsbluegreen.simulator.http.ApiCall;
import dev.ecsbluegreen.simulator.http.Faults;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.codedeploy.model.ApplicationDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.CodeDeployException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentLimitExceededException;
import software.amazon.awssdk.services.codedeploy.model.ThrottlingException;

class ProtocolTest {

  private final SimulatorFixture f = new SimulatorFixture();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    f.close();
  }

  private HttpResponse<String> post(String target, String body) throws Exception {
    var request =
        HttpRequest.newBuilder(f.sim.endpoint().resolve("/"))
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", target)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void modeledErrorsReachTheSdkAsTheirExceptionClassWithStatus400() {
    assertThatThrownBy(() -> f.codeDeploy.getApplication(b -> b.applicationName("missing")))
        .isInstanceOfSatisfying(
            ApplicationDoesNotExistException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode())
                  .isEqualTo("ApplicationDoesNotExistException");
              assertThat(e.requestId()).isNotBlank();
            });
  }

  @Test
  void unknownOperationAnswersUnknownOperationExceptionInTheBody() throws Exception {
    var response = post("CodeDeploy_20141006.FlyToTheMoon", "{}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = new ObjectMapper().readTree(response.body());
    assertThat(body.path("__type").asText()).isEqualTo("UnknownOperationException");
    assertThat(f.sim.calls())
        .extracting(ApiCall::operation, ApiCall::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("FlyToTheMoon", "UnknownOperationException"));
  }

  @Test
  void emptyBodyIsAcceptedAndTimestampsAreEpochSecondNumbers() throws Exception {
    f.codeDeploy.createApplication(b -> b.applicationName("a").computePlatform("ECS"));

    var list = post("CodeDeploy_20141006.ListApplications", "");
    var app = post("CodeDeploy_20141006.GetApplication", "{\"applicationName\":\"a\"}");

    assertThat(list.statusCode()).isEqualTo(200);
    JsonNode createTime =
        new ObjectMapper().readTree(app.body()).path("application").path("createTime");
    assertThat(createTime.isNumber()).isTrue();
    assertThat(createTime.asLong()).isEqualTo(f.clock.now().getEpochSecond());
  }

  @Test
  void malformedJsonIsASerializationException() throws Exception {
    var response = post("AmazonEC2ContainerServiceV20141113.DescribeServices", "{not json");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("SerializationException");
  }

  @Test
  void throttledCallsAreRetriedBySdkAndLogged() {
    f.sim.faults().throttleNext("ListApplications", 2);

    f.codeDeploy.listApplications();

    assertThat(f.sim.calls())
        .extracting(ApiCall::outcome)
        .containsExactly("ThrottlingException", "ThrottlingException", "OK");
  }

  @Test
  void persistentThrottlingReachesTheCallerAsThrottlingException() {
    f.sim.faults().throttle("ListApplications", 1.0);

    assertThatThrownBy(() -> f.codeDeployWithoutRetries().listApplications())
        .isInstanceOf(ThrottlingException.class)
        .hasMessageContaining("Rate exceeded");
  }

  @Test
  void throttlingLikeAwsAnswersAsAwsDoesOnceABucketIsEmpty() {
    f.sim.faults().throttleLikeAws();
    var codeDeploy = f.codeDeployWithoutRetries();
    int answered = 0;
    Throwable refused = null;
    // The bucket holds 20 and refills at 10 a second: a caller this fast empties it.
    while (refused == null && answered < 1_000) {
      try {
        codeDeploy.listApplications();
        answered++;
      } catch (RuntimeException e) {
        refused = e;
      }
    }
    assertThat(answered).isGreaterThanOrEqualTo(20);
    assertThat(refused)
        .isInstanceOfSatisfying(
            ThrottlingException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
            })
        .hasMessageContaining("Rate exceeded");

    f.sim.faults().clear();
    codeDeploy.listApplications();
  }

  @Test
  void serverErrorsAreAnswered500AndRetriedBySdk() {
    f.sim.faults().serverErrorNext("ListApplications", 1, Faults.ServerError.INTERNAL_FAILURE);

    assertThatThrownBy(() -> f.codeDeployWithoutRetries().listApplications())
        .isInstanceOfSatisfying(
            CodeDeployException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
    f.sim.faults().serverErrorNext("ListApplications", 1, Faults.ServerError.SERVICE_UNAVAILABLE);
    f.codeDeploy.listApplications();

    assertThat(f.sim.calls())
        .extracting(ApiCall::outcome)
        .containsExactly("InternalFailure", "ServiceUnavailable", "OK");
  }

  @Test
  void droppedConnectionIsAnIoErrorForTheCaller() {
    f.sim.faults().dropConnectionNext("ListApplications", 1);

    assertThatThrownBy(() -> f.codeDeployWithoutRetries().listApplications())
        .isInstanceOf(SdkClientException.class);
    assertThat(f.sim.calls()).extracting(ApiCall::answered).containsExactly(false);
  }

  @Test
  void applyThenDropMakesTheSdkRetryFindTheGroupBusyWithTheUnseenDeployment() {
    f.createApplicationAndGroup(new SimulatorFixture.GroupOptions());
    f.sim.faults().applyThenDropNext("CreateDeployment", 1);

    assertThatThrownBy(() -> f.deploy(Map.of()))
        .isInstanceOf(DeploymentLimitExceededException.class);
    assertThat(f.sim.calls())
        .filteredOn(c -> c.operation().equals("CreateDeployment"))
        .extracting(ApiCall::outcome, ApiCall::answered)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("OK", false),
            org.assertj.core.groups.Tuple.tuple("DeploymentLimitExceededException", true));
  }

  @Test
  void applyThenDropWithoutRetriesLeavesAnActiveDeploymentToAdopt() {
    f.createApplicationAndGroup(new SimulatorFixture.GroupOptions());
    f.sim.faults().applyThenDropNext("CreateDeployment", 1);
    var noRetries = f.codeDeployWithoutRetries();
    String content = SimulatorFixture.appSpec(f.registerWebRevision(Map.of()), Map.of());

    assertThatThrownBy(
            () ->
                noRetries.createDeployment(
                    b ->
                        b.applicationName(SimulatorFixture.APP)
                            .deploymentGroupName(SimulatorFixture.GROUP)
                            .revision(
                                r ->
                                    r.revisionType("AppSpecContent")
                                        .appSpecContent(a -> a.content(content)))))
        .isInstanceOf(SdkClientException.class);

    var active =
        f.codeDeploy.listDeployments(
            b ->
                b.applicationName(SimulatorFixture.APP)
                    .deploymentGroupName(SimulatorFixture.GROUP)
                    .includeOnlyStatusesWithStrings("Created", "InProgress", "Ready"));
    assertThat(active.deployments()).hasSize(1);
    assertThatThrownBy(() -> f.deploy(Map.of()))
        .isInstanceOf(DeploymentLimitExceededException.class);
  }

  @Test
  void callerIsTheAccessKeyIdOfTheSignature() {
    try (var other = SimulatorFixture.codeDeployClient(f.sim.endpoint(), "AKIDOTHER")) {
      other.listApplications();
    }
    f.codeDeploy.listApplications();

    assertThat(f.sim.calls()).extracting(ApiCall::caller).containsExactly("AKIDOTHER", "AKIDTEST");
    assertThat(f.sim.callLog().count("ListApplications")).isEqualTo(2);
  }

  @Test
  void callListenerHearsOfEveryCallIncludingRefusedOnes() {
    var heard = new java.util.concurrent.CopyOnWriteArrayList<ApiCall>();
    f.sim.callLog().onCall(heard::add);
    f.sim.faults().throttleNext("ListApplications", 1);

    f.codeDeploy.listApplications();

    assertThat(heard).extracting(ApiCall::outcome).containsExactly("ThrottlingException", "OK");
  }

  @Test
  void requestWithoutTargetOrActionIsRefusedNotCrashed() throws Exception {
    var response =
        http.send(
            HttpRequest.newBuilder(URI.create(f.sim.endpoint() + "/"))
                .POST(HttpRequest.BodyPublishers.ofString("hello"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("UnknownOperationException");
  }
}
