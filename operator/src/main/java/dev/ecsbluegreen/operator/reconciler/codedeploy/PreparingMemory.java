package dev.ecsbluegreen.operator.reconciler.codedeploy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which attempts this operator process knows no deployment can carry yet: it recorded their intent
 * and has sent no CreateDeployment since. Their passes skip the search for a deployment of the
 * attempt. Keyed by release uid, each entry for one attempt token; it lives in memory only, so a
 * restarted operator (or a new leader) knows nothing and searches, as it must after a crash.
 */
final class PreparingMemory {

  private final Map<String, String> freshIntents = new ConcurrentHashMap<>();

  /** This process is about to record the intent of {@code token}: nothing carries it yet. */
  void intentRecorded(String uid, String token) {
    freshIntents.put(uid, token);
  }

  /**
   * Whether no deployment can carry the token: this process recorded its intent and has not asked
   * CodeDeploy for a deployment since. Only a CreateDeployment call puts a token on a deployment,
   * and only after its intent was recorded.
   */
  boolean noDeploymentCarries(String uid, String token) {
    return token.equals(freshIntents.get(uid));
  }

  /**
   * A CreateDeployment for the token is about to be sent; its answer may be lost.
   *
   * @return whether no deployment could carry the token until now, for {@link #notSent}
   */
  boolean creating(String uid, String token) {
    return freshIntents.remove(uid, token);
  }

  /**
   * The CreateDeployment announced by {@link #creating} was not sent after all (the operator's
   * request budget turned it away before any request left): what was known before holds again. If
   * nothing carried the token then, nothing does now, and the next pass sends it from the reads
   * kept so far instead of reading everything again; if an earlier CreateDeployment may have
   * carried it, the next pass still looks for that one.
   *
   * @param noneCarried what {@link #creating} returned
   */
  void notSent(String uid, String token, boolean noneCarried) {
    if (noneCarried) {
      freshIntents.put(uid, token);
    }
  }

  /** The release is gone: forget it. */
  void forget(String uid) {
    freshIntents.remove(uid);
  }
}
