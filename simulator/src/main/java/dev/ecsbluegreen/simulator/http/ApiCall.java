package dev.ecsbluegreen.simulator.http;

import java.time.Instant;

/**
 * One API call as the simulator saw it.
 *
 * @param at simulated time the call was handled
 * @param service signing name: {@code codedeploy}, {@code ecs} or {@code sts}
 * @param operation e.g. {@code CreateDeployment}
 * @param caller the access key id from the request signature ({@code anonymous} if unsigned)
 * @param principal the role session ARN for credentials STS handed out, else the access key id
 * @param outcome {@code OK} or the error code answered (e.g. {@code ThrottlingException})
 * @param answered false when the connection was dropped instead of answered
 */
public record ApiCall(
    Instant at,
    String service,
    String operation,
    String caller,
    String principal,
    String outcome,
    boolean answered) {

  public static final String OK = "OK";

  public boolean isOk() {
    return OK.equals(outcome);
  }
}
