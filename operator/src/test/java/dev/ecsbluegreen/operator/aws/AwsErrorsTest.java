package dev.ecsbluegreen.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsbluegreen.operator.errors.AwsAccessException;
import dev.ecsbluegreen.operator.errors.DeploymentGroupBusyException;
import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import dev.ecsbluegreen.operator.errors.ReleaseException;
import dev.ecsbluegreen.operator.errors.TransientAwsException;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.codedeploy.model.ApplicationDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.CodeDeployException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentLimitExceededException;
import software.amazon.awssdk.services.codedeploy.model.InvalidRoleException;
import software.amazon.awssdk.services.ecs.model.AccessDeniedException;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.ServerException;
import software.amazon.awssdk.services.sts.model.StsException;

class AwsErrorsTest {

  private static <B extends AwsServiceException.Builder> AwsServiceException error(
      B builder, String code, int status) {
    return builder
        .awsErrorDetails(
            AwsErrorDetails.builder().errorCode(code).errorMessage("message of " + code).build())
        .statusCode(status)
        .build();
  }

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(
            error(
                DeploymentGroupDoesNotExistException.builder(),
                "DeploymentGroupDoesNotExistException",
                400),
            InvalidReleaseException.class,
            false),
        Arguments.of(
            error(
                ApplicationDoesNotExistException.builder(),
                "ApplicationDoesNotExistException",
                400),
            InvalidReleaseException.class,
            false),
        Arguments.of(
            error(InvalidRoleException.builder(), "InvalidRoleException", 400),
            InvalidReleaseException.class,
            false),
        Arguments.of(
            error(ClientException.builder(), "ClientException", 400),
            InvalidReleaseException.class,
            false),
        Arguments.of(
            error(EcsException.builder(), "InvalidParameterException", 400),
            InvalidReleaseException.class,
            false),
        Arguments.of(
            error(CodeDeployException.builder(), "ValidationException", 400),
            InvalidReleaseException.class,
            false),
        Arguments.of(
            error(CodeDeployException.builder(), "ThrottlingException", 400),
            TransientAwsException.class,
            true),
        Arguments.of(
            error(EcsException.builder(), "ThrottlingException", 400),
            TransientAwsException.class,
            true),
        Arguments.of(
            error(EcsException.builder(), "TooManyRequestsException", 429),
            TransientAwsException.class,
            true),
        Arguments.of(
            error(ServerException.builder(), "ServerException", 500),
            TransientAwsException.class,
            false),
        Arguments.of(
            error(CodeDeployException.builder(), "ServiceUnavailable", 503),
            TransientAwsException.class,
            false),
        Arguments.of(
            error(CodeDeployException.builder(), "InternalFailure", 500),
            TransientAwsException.class,
            false),
        Arguments.of(
            error(AccessDeniedException.builder(), "AccessDeniedException", 400),
            AwsAccessException.class,
            false),
        Arguments.of(
            error(StsException.builder(), "AccessDenied", 403), AwsAccessException.class, false),
        Arguments.of(
            error(CodeDeployException.builder(), "UnrecognizedClientException", 400),
            AwsAccessException.class,
            false),
        Arguments.of(
            error(CodeDeployException.builder(), "ExpiredTokenException", 400),
            AwsAccessException.class,
            false),
        Arguments.of(
            error(StsException.builder(), "InvalidClientTokenId", 403),
            AwsAccessException.class,
            false),
        Arguments.of(
            error(
                DeploymentLimitExceededException.builder(),
                "DeploymentLimitExceededException",
                400),
            DeploymentGroupBusyException.class,
            false));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("table")
  void classifiesServiceErrorsKeepingTheAwsCode(
      AwsServiceException error, Class<? extends ReleaseException> expected, boolean throttled) {
    ReleaseException classified = AwsErrors.classify(error, "CreateDeployment", "group a/b");

    assertThat(classified).isInstanceOf(expected);
    assertThat(classified.awsErrorCode()).isEqualTo(error.awsErrorDetails().errorCode());
    assertThat(classified.getMessage())
        .contains("CreateDeployment")
        .contains("group a/b")
        .contains(error.awsErrorDetails().errorCode())
        .contains("message of " + error.awsErrorDetails().errorCode());
    assertThat(classified.getCause()).isSameAs(error);
    if (classified instanceof TransientAwsException transientError) {
      assertThat(transientError.throttled()).isEqualTo(throttled);
    }
  }

  @Test
  void networkErrorsAndTimeoutsAreTransientWithoutACode() {
    var network =
        SdkClientException.builder()
            .message("Unable to execute HTTP request: Connection refused")
            .cause(new IOException("Connection refused"))
            .build();
    var timeout = ApiCallTimeoutException.create(45_000);

    for (var error : new RuntimeException[] {network, timeout}) {
      var classified = AwsErrors.classify(error, "GetDeployment", "deployment d-1");
      assertThat(classified).isInstanceOf(TransientAwsException.class);
      assertThat(((TransientAwsException) classified).throttled()).isFalse();
      assertThat(classified.awsErrorCode()).isNull();
      assertThat(classified.getMessage()).contains("GetDeployment").contains("deployment d-1");
    }
  }

  @Test
  void missingCredentialsAreAnAccessError() {
    var error =
        SdkClientException.create(
            "Unable to load credentials from any of the providers in the chain");

    assertThat(AwsErrors.classify(error, "DescribeServices", "ECS service a/b"))
        .isInstanceOf(AwsAccessException.class);
  }

  @Test
  void anAlreadyClassifiedCauseWins() {
    var access = new AwsAccessException("Could not assume IAM role r", "AccessDenied", null);
    var wrapped = SdkClientException.builder().message("identity failed").cause(access).build();

    assertThat(AwsErrors.classify(wrapped, "DescribeServices", "x")).isSameAs(access);
  }

  @Test
  void aServiceErrorWrappedByTheSdkIsStillClassifiedByItsCode() {
    var throttled = error(CodeDeployException.builder(), "ThrottlingException", 400);
    var wrapped = SdkClientException.builder().message("wrapped").cause(throttled).build();

    assertThat(AwsErrors.classify(wrapped, "GetDeployment", "x"))
        .isInstanceOf(TransientAwsException.class)
        .extracting(ReleaseException::awsErrorCode)
        .isEqualTo("ThrottlingException");
  }

  @Test
  void errorsThatAreNotFromAwsPropagateUnchanged() {
    var bug = new NullPointerException("bug");

    assertThatThrownBy(
            () ->
                AwsErrors.call(
                    "GetDeployment",
                    "x",
                    () -> {
                      throw bug;
                    }))
        .isSameAs(bug);
  }
}
