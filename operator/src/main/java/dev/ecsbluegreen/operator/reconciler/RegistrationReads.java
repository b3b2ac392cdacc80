package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.aws.LruMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * What a PREPARING pass read to decide to register a task definition revision, kept for the passes
 * of the same attempt right after it: the pass that comes back when the registration budget turned
 * the registration away before it was sent decides again from the same reads rather than reading
 * the service (and the group) again, and an engine may start the deployment of the revision
 * registered from them. Keyed by release uid, each entry for one attempt token; in memory only, so
 * a restarted operator reads everything, as it must.
 *
 * @param <T> the engine's reads
 */
public final class RegistrationReads<T> {
  /**
   * How long reads are reused. The revision registered is built from the service as read (its
   * revision is a template's base), so a release that waits longer for its turn reads again, and a
   * change made meanwhile (the service deployed by hand, the group edited) is what it registers and
   * deploys from; one read more of each, once every so often, is little against the passes it
   * saves. Two minutes cover the queue of a sync of about 150 new releases at the default
   * registration budget (30 at once, then 1 a second) without a read again.
   */
  public static final Duration REUSED_FOR = Duration.ofMinutes(2);

  private record Kept<T>(String token, T reads, Instant readAt) {}

  private final Clock clock;
  private final Map<String, Kept<T>> kept =
      Collections.synchronizedMap(new LruMap<>(FirstAttempts.REMEMBERED));

  /**
   * @param clock the operator's clock, on which reads age
   */
  public RegistrationReads(Clock clock) {
    this.clock = clock;
  }

  /** The pass decided to register from {@code reads}, made now for the attempt {@code token}. */
  public void keep(String uid, String token, T reads) {
    kept.put(uid, new Kept<>(token, reads, clock.instant()));
  }

  /** The reads kept for this attempt, if made within {@link #REUSED_FOR}, to decide again from. */
  public Optional<T> reuse(String uid, String token) {
    return keptFor(uid, token)
        .filter(entry -> !entry.readAt().plus(REUSED_FOR).isBefore(clock.instant()))
        .map(Kept::reads);
  }

  /**
   * The reads kept for this attempt whatever their age, for a pass after the revision was
   * registered from them: nothing is decided again, the revision was built from them, and a
   * deployment started in the group since makes starting one answer that the group is busy.
   */
  public Optional<T> registeredFrom(String uid, String token) {
    return keptFor(uid, token).map(Kept::reads);
  }

  private Optional<Kept<T>> keptFor(String uid, String token) {
    var entry = kept.get(uid);
    if (entry == null || token == null || !entry.token().equals(token)) {
      return Optional.empty();
    }
    return Optional.of(entry);
  }

  /** Nothing to reuse any more: the release registered its revision, or is gone. */
  public void forget(String uid) {
    kept.remove(uid);
  }
}
