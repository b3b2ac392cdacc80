package dev.ecsbluegreen.simulator.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who is calling: the access key id in a request's signature, and for keys STS handed out, the role
 * session they stand for. Signatures themselves are never checked.
 */
final class Credentials {

  private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");
  private final Map<String, String> assumedRoles = new ConcurrentHashMap<>();

  static String accessKeyId(String authorization) {
    if (authorization == null) {
      return "anonymous";
    }
    Matcher m = CREDENTIAL.matcher(authorization);
    return m.find() ? m.group(1) : "anonymous";
  }

  void remember(String accessKeyId, String assumedRoleArn) {
    assumedRoles.put(accessKeyId, assumedRoleArn);
  }

  /** The assumed-role session ARN for keys STS issued, otherwise the key id itself. */
  String principal(String accessKeyId) {
    return assumedRoles.getOrDefault(accessKeyId, accessKeyId);
  }
}
