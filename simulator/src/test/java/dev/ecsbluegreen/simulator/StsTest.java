package dev.ecsbluegreen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsbluegreen.simulator.http.ApiCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.StsException;

class StsTest {

  private final SimulatorFixture f = new SimulatorFixture();
  private final StsClient sts =
      StsClient.builder()
          .endpointOverride(f.sim.endpoint())
          .region(Region.US_EAST_1)
          .credentialsProvider(SimulatorFixture.credentials("AKIDTEST"))
          .httpClient(UrlConnectionHttpClient.create())
          .build();

  @AfterEach
  void close() {
    sts.close();
    f.close();
  }

  @Test
  void assumingADeclaredRoleGivesCredentialsThatIdentifyTheRoleSession() {
    var credentials =
        StsAssumeRoleCredentialsProvider.builder()
            .stsClient(sts)
            .refreshRequest(r -> r.roleArn(SimulatorFixture.ROLE).roleSessionName("release-1"))
            .build();
    try (CodeDeployClient crossAccount =
        CodeDeployClient.builder()
            .endpointOverride(f.sim.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      crossAccount.listApplications();
    }

    ApiCall list =
        f.sim.calls().stream()
            .filter(c -> c.operation().equals("ListApplications"))
            .findFirst()
            .orElseThrow();
    assertThat(list.caller()).startsWith("ASIA");
    assertThat(list.principal())
        .isEqualTo("arn:aws:sts::210987654321:assumed-role/release-deployer/release-1");
    assertThat(f.sim.calls())
        .filteredOn(c -> c.operation().equals("AssumeRole"))
        .extracting(ApiCall::service, ApiCall::caller, ApiCall::outcome)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("sts", "AKIDTEST", "OK"));
  }

  @Test
  void assumingAnUndeclaredRoleIsAccessDenied() {
    assertThatThrownBy(
            () ->
                sts.assumeRole(
                    r -> r.roleArn("arn:aws:iam::999999999999:role/other").roleSessionName("x")))
        .isInstanceOfSatisfying(
            StsException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
              assertThat(e.statusCode()).isEqualTo(403);
            });
  }

  @Test
  void callerIdentityNamesTheAccountOfTheWorld() {
    var identity = sts.getCallerIdentity();

    assertThat(identity.account()).isEqualTo("123456789012");
  }
}
