package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.aws.AppSpecRenderer;

/**
 * The idempotency token of one release attempt: a short, deterministic hash of the resource uid,
 * the spec generation and the retry count. It is written to status before any AWS mutation and into
 * the deployment's description, so a restarted operator recognises its own deployment.
 */
public final class ReleaseToken {
  private static final int LENGTH = 12;

  private ReleaseToken() {}

  public static String of(String uid, long generation, int retryCount) {
    return AppSpecRenderer.sha256(uid + ":" + generation + ":" + retryCount).substring(0, LENGTH);
  }
}
