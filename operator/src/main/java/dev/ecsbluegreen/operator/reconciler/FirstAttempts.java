package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.aws.LruMap;
import java.util.Collections;
import java.util.Map;

/**
 * The attempts this operator process began as their release's first, and for which it has sent no
 * RegisterTaskDefinition since: no task definition revision can carry such a release's uid, so
 * nothing needs to be listed to find one. Only a RegisterTaskDefinition puts the uid on a revision,
 * only after an intent was recorded, and a release's first intent is recorded here.
 *
 * <p>It lives in memory only: a restarted operator (or a new leader) knows no attempt and lists the
 * family, as it must after a crash that may have lost a registration's answer. An attempt forgotten
 * to the bound is listed the same way.
 */
public final class FirstAttempts {
  /** Releases remembered at once; more only cost a listing each. */
  static final int REMEMBERED = 10_000;

  private final Map<String, String> unregistered =
      Collections.synchronizedMap(new LruMap<>(REMEMBERED));

  /**
   * The pass is about to record the intent of {@code token}. Remembered when the status shows no
   * earlier attempt of the release, whose revisions the uid would otherwise be on.
   */
  void intentRecorded(ReleasePass pass, String token) {
    var release = pass.release();
    String uid = release.getMetadata().getUid();
    var status = release.getStatus();
    if (status == null || status.releaseToken() == null) {
      unregistered.put(uid, token);
    } else {
      unregistered.remove(uid);
    }
  }

  /** A RegisterTaskDefinition for the release is about to be sent; its answer may be lost. */
  void registering(String uid) {
    unregistered.remove(uid);
  }

  /**
   * Whether no revision can carry the release's uid while it prepares the attempt {@code token}.
   */
  public boolean noneRegistered(String uid, String token) {
    return token != null && token.equals(unregistered.get(uid));
  }
}
