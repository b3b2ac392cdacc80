package dev.ecsbluegreen.operator.reconciler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The idempotency token of one release attempt: a short, deterministic hash of the resource uid,
 * the spec generation and the retry count. It is written to status before any AWS mutation and into
 * the deployment's description, so a restarted operator recognises its own deployment.
 */
public final class ReleaseToken {
  private static final int LENGTH = 12;

  private ReleaseToken() {}

  public static String of(String uid, long generation, int retryCount) {
    String attempt = uid + ":" + generation + ":" + retryCount;
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(attempt.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
