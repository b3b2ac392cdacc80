package dev.ecsbluegreen.simulator.http;

import dev.ecsbluegreen.simulator.world.AwsException;
import dev.ecsbluegreen.simulator.world.SimulatedAws;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * AWS STS (API 2011-06-15) over the query protocol: AssumeRole for the roles the world declares,
 * and GetCallerIdentity. Answers are XML, as STS writes them.
 */
final class StsApi {

  private static final String NS = "https://sts.amazonaws.com/doc/2011-06-15/";
  private final SimulatedAws aws;
  private final Credentials credentials;

  StsApi(SimulatedAws aws, Credentials credentials) {
    this.aws = aws;
    this.credentials = credentials;
  }

  /** Answers the action's XML body, or throws the error STS would give. */
  String invoke(String action, Map<String, String> form, String caller, String requestId) {
    return switch (action) {
      case "AssumeRole" -> assumeRole(form, caller, requestId);
      case "GetCallerIdentity" -> callerIdentity(caller, requestId);
      default ->
          throw AwsException.client(
              "InvalidAction", "Could not find operation " + action + " for version 2011-06-15");
    };
  }

  private String assumeRole(Map<String, String> form, String caller, String requestId) {
    String roleArn = form.get("RoleArn");
    String session = form.get("RoleSessionName");
    if (roleArn == null || session == null) {
      throw AwsException.client("ValidationError", "RoleArn and RoleSessionName are required");
    }
    if (!aws.isAssumable(roleArn)) {
      throw new AwsException(
          "AccessDenied",
          403,
          "User: %s is not authorized to perform: sts:AssumeRole on resource: %s"
              .formatted(credentials.principal(caller), roleArn));
    }
    int seconds;
    try {
      seconds = Integer.parseInt(form.getOrDefault("DurationSeconds", "3600"));
    } catch (NumberFormatException e) {
      throw AwsException.client("ValidationError", "DurationSeconds must be a number");
    }
    String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
    String account = roleArn.split(":")[4];
    String sessionArn = "arn:aws:sts::%s:assumed-role/%s/%s".formatted(account, roleName, session);
    String accessKeyId = "ASIA" + aws.ids().upperAlnum(16);
    credentials.remember(accessKeyId, sessionArn);
    // Expiration is wall-clock time: SDK credential providers compare it with the real clock.
    Instant expiration =
        Instant.now().plus(Duration.ofSeconds(seconds)).truncatedTo(ChronoUnit.SECONDS);
    return """
        <AssumeRoleResponse xmlns="%s">
          <AssumeRoleResult>
            <Credentials>
              <AccessKeyId>%s</AccessKeyId>
              <SecretAccessKey>%s</SecretAccessKey>
              <SessionToken>%s</SessionToken>
              <Expiration>%s</Expiration>
            </Credentials>
            <AssumedRoleUser>
              <AssumedRoleId>AROA%s:%s</AssumedRoleId>
              <Arn>%s</Arn>
            </AssumedRoleUser>
            <PackedPolicySize>0</PackedPolicySize>
          </AssumeRoleResult>
          <ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata>
        </AssumeRoleResponse>
        """
        .formatted(
            NS,
            accessKeyId,
            aws.ids().upperAlnum(40),
            "SIMSESSION" + aws.ids().upperAlnum(64),
            expiration,
            aws.ids().upperAlnum(17),
            Xml.escape(session),
            Xml.escape(sessionArn),
            requestId);
  }

  private String callerIdentity(String caller, String requestId) {
    String principal = credentials.principal(caller);
    String arn =
        principal.startsWith("arn:")
            ? principal
            : "arn:aws:iam::%s:user/%s".formatted(aws.world().accountId(), principal);
    String account = arn.split(":")[4];
    return """
        <GetCallerIdentityResponse xmlns="%s">
          <GetCallerIdentityResult>
            <Arn>%s</Arn>
            <UserId>%s</UserId>
            <Account>%s</Account>
          </GetCallerIdentityResult>
          <ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata>
        </GetCallerIdentityResponse>
        """
        .formatted(NS, Xml.escape(arn), Xml.escape(caller), account, requestId);
  }

  static String error(String code, String message, String requestId, int status) {
    return """
        <ErrorResponse xmlns="%s">
          <Error><Type>%s</Type><Code>%s</Code><Message>%s</Message></Error>
          <RequestId>%s</RequestId>
        </ErrorResponse>
        """
        .formatted(NS, status >= 500 ? "Receiver" : "Sender", code, Xml.escape(message), requestId);
  }
}
