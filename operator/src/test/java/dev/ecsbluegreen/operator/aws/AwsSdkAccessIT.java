package dev.ecsbluegreen.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsbluegreen.operator.api.v1alpha1.AwsTarget;
import dev.ecsbluegreen.operator.errors.AwsAccessException;
import dev.ecsbluegreen.operator.errors.TransientAwsException;
import dev.ecsbluegreen.simulator.http.ApiCall;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AwsSdkAccessIT {

  private final SimulatedAwsFixture f = new SimulatedAwsFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void anUnassumableRoleIsAnAccessErrorNamingTheRole() {
    String role = "arn:aws:iam::999999999999:role/not-trusted";
    var gateways = f.access.forRelease(new AwsTarget("us-east-1", role, null), "shop", "web");

    assertThatThrownBy(() -> gateways.ecs().describeService("prod", "web"))
        .isInstanceOf(AwsAccessException.class)
        .hasMessageContaining(role)
        .extracting(e -> ((AwsAccessException) e).awsErrorCode())
        .isEqualTo("AccessDenied");
    assertThat(f.calls("DescribeServices")).isZero();
  }

  @Test
  void callsWithAnAssumedRoleRunAsARoleSessionNamedAfterTheRelease() {
    var gateways =
        f.access.forRelease(
            new AwsTarget("us-east-1", SimulatedAwsFixture.ROLE, "ext-123"), "shop", "web");

    gateways.ecs().describeService("prod", "web");

    assertThat(f.sim.calls())
        .filteredOn(c -> c.operation().equals("DescribeServices"))
        .extracting(ApiCall::principal)
        .containsExactly(
            "arn:aws:sts::210987654321:assumed-role/release-deployer/ecs-bluegreen-shop-web");
  }

  @Test
  void clientsAreSharedPerRegionAndRoleSession() {
    var plain = new AwsTarget("us-east-1", null, null);

    assertThat(f.access.forTarget(plain)).isSameAs(f.access.forRelease(plain, "a", "b"));
    assertThat(f.access.forTarget(new AwsTarget("eu-west-1", null, null)))
        .isNotSameAs(f.access.forTarget(plain));
    var role = new AwsTarget("us-east-1", SimulatedAwsFixture.ROLE, null);
    assertThat(f.access.forRelease(role, "a", "b")).isSameAs(f.access.forRelease(role, "a", "b"));
    assertThat(f.access.forRelease(role, "a", "b"))
        .isNotSameAs(f.access.forRelease(role, "a", "c"));
  }

  @Test
  void aDeploymentLifecycleSucceedsWhileAFifthOfAllCallsAreThrottled() {
    f.sim.faults().throttle("*", 0.2);
    f.createGroup(f.group(0, "CONTINUE_DEPLOYMENT", null));
    var base = f.aws.ecs().describeTaskDefinition("web").registerForm();
    String arn = f.aws.ecs().registerTaskDefinition(base, java.util.Map.of());
    var appSpec =
        AppSpecRenderer.render(
            TestSpecs.spec(TestSpecs.template(null, "example/web:2", null)), arn);
    String id =
        f.aws
            .codeDeploy()
            .createDeployment(
                new DeploymentRequest(
                    SimulatedAwsFixture.APP,
                    SimulatedAwsFixture.GROUP,
                    "CodeDeployDefault.ECSAllAtOnce",
                    appSpec,
                    "throttled",
                    true,
                    false,
                    List.of()));
    for (int minute = 0; minute < 6; minute++) {
      f.advanceMinutes(1);
      f.aws.codeDeploy().describeDeployments(List.of(id));
    }

    assertThat(f.aws.codeDeploy().describeDeployments(List.of(id)).get(0).state())
        .isEqualTo(DeploymentState.SUCCEEDED);
    assertThat(f.sim.calls())
        .as("the simulator did throttle, and the SDK retried")
        .anyMatch(c -> c.outcome().equals("ThrottlingException"));
    assertThat(f.sim.callLog().countOk("CreateDeployment")).isEqualTo(1);
  }

  @Test
  void aThrottledRegistrationIsRetriedAtOnceAndRegistersOneRevision() {
    var base = f.aws.ecs().describeTaskDefinition("web").registerForm();
    f.sim.faults().throttleNext("RegisterTaskDefinition", 2);

    String arn = f.aws.ecs().registerTaskDefinition(base, java.util.Map.of());

    assertThat(arn).endsWith("web:2");
    assertThat(f.sim.callLog().count("RegisterTaskDefinition")).isEqualTo(3);
    assertThat(f.sim.callLog().countOk("RegisterTaskDefinition")).isEqualTo(1);
  }

  @Test
  void aCreatingCallThatFailedOtherwiseIsLeftToTheReconciler() {
    var base = f.aws.ecs().describeTaskDefinition("web").registerForm();
    f.sim
        .faults()
        .serverErrorNext(
            "RegisterTaskDefinition",
            1,
            dev.ecsbluegreen.simulator.http.Faults.ServerError.SERVICE_UNAVAILABLE);

    assertThatThrownBy(() -> f.aws.ecs().registerTaskDefinition(base, java.util.Map.of()))
        .isInstanceOf(TransientAwsException.class);
    assertThat(f.sim.callLog().count("RegisterTaskDefinition")).isEqualTo(1);
  }

  @Test
  void sessionNamesFollowStsRules() {
    assertThat(AwsSdkAccess.sessionName("shop", "web")).isEqualTo("ecs-bluegreen-shop-web");
    String longName = AwsSdkAccess.sessionName("n".repeat(63), "x".repeat(253));
    assertThat(longName).hasSize(64).matches("[\\w+=,.@-]+");
    assertThat(longName)
        .isNotEqualTo(AwsSdkAccess.sessionName("n".repeat(63), "x".repeat(252) + "y"));
  }
}
