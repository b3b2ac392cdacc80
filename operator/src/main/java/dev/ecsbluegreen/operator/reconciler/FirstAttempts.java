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
 * <p>It also knows the attempts whose registration the operator's budget turned away, unsent, with
 * none sent since: their next pass may decide again from what the turned-away one read ({@link
 * RegistrationReads}).
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

  private final Map<String, String> turnedAway =
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

  /**
   * A RegisterTaskDefinition for the release is about to be sent; its answer may be lost.
   *
   * @return the attempt known until now to have registered nothing, for {@link #notSent}; null if
   *     none was
   */
  String registering(String uid) {
    turnedAway.remove(uid);
    return unregistered.remove(uid);
  }

  /**
   * The RegisterTaskDefinition announced by {@link #registering} was never sent: the operator's
   * request budget turned it away before any request left. What was known before holds again, so
   * the pass that comes back for it does not list the family. A throttling answer or a timeout does
   * not count: AWS may have registered the revision.
   *
   * @param unregisteredToken what {@link #registering} returned
   * @param token the attempt whose registration was turned away
   */
  void notSent(String uid, String unregisteredToken, String token) {
    if (unregisteredToken != null) {
      unregistered.put(uid, unregisteredToken);
    }
    if (token != null) {
      turnedAway.put(uid, token);
    }
  }

  /**
   * Whether the attempt {@code token}'s last registration was turned away unsent by the budget, and
   * none was sent since: nothing its turned-away pass read has been acted on.
   */
  public boolean turnedAway(String uid, String token) {
    return token != null && token.equals(turnedAway.get(uid));
  }

  /**
   * Whether no revision can carry the release's uid while it prepares the attempt {@code token}.
   */
  public boolean noneRegistered(String uid, String token) {
    return token != null && token.equals(unregistered.get(uid));
  }
}
