package dev.ecsbluegreen.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.errors.AwsAccessException;
import dev.ecsbluegreen.operator.errors.DeploymentGroupBusyException;
import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import dev.ecsbluegreen.operator.errors.TransientAwsException;
import org.junit.jupiter.api.Test;

/** Each class of AWS failure is reported under its own condition reason. */
class ProblemsTest {

  @Test
  void missingGroupIsNamedApartFromOtherInvalidReleases() {
    assertThat(
            Problems.reason(
                new InvalidReleaseException(
                    "no group", "DeploymentGroupDoesNotExistException", null)))
        .isEqualTo(Reasons.DEPLOYMENT_GROUP_NOT_FOUND);
    assertThat(Problems.reason(new InvalidReleaseException("bad container")))
        .isEqualTo(Reasons.INVALID_SPEC);
  }

  @Test
  void accessThrottlingOutagesAndABusyGroupEachHaveTheirReason() {
    assertThat(Problems.reason(new AwsAccessException("denied", "AccessDenied", null)))
        .isEqualTo(Reasons.AWS_ACCESS_DENIED);
    assertThat(Problems.reason(new TransientAwsException("slow down", "Throttling", true, null)))
        .isEqualTo(Reasons.AWS_THROTTLED);
    assertThat(Problems.reason(new TransientAwsException("5xx", "InternalFailure", false, null)))
        .isEqualTo(Reasons.AWS_UNAVAILABLE);
    assertThat(Problems.reason(new DeploymentGroupBusyException("busy", null)))
        .isEqualTo(Reasons.DEPLOYMENT_GROUP_BUSY);
  }

  @Test
  void messageNamesTheAwsErrorCodeOnce() {
    assertThat(Problems.message(new AwsAccessException("denied", "AccessDenied", null)))
        .isEqualTo("denied (AccessDenied)");
    assertThat(Problems.message(new AwsAccessException("AccessDenied: no", "AccessDenied", null)))
        .isEqualTo("AccessDenied: no");
  }
}
