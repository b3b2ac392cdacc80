package dev.ecsbluegreen.operator.reconciler;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many passes of each release failed in a row on a transient AWS error. Kept in memory only: a
 * restarted operator starts every release's backoff afresh, which costs at most a few quick
 * retries.
 */
final class FailureStreaks {
  private final Map<ResourceID, Integer> streaks = new ConcurrentHashMap<>();

  /** One more failed pass; returns the length of the streak it extends. */
  int failed(ResourceID release) {
    return streaks.merge(release, 1, Integer::sum);
  }

  /** A pass went through: the next failure starts a new streak. */
  void ended(ResourceID release) {
    streaks.remove(release);
  }
}
