package dev.ecsbluegreen.operator.reconciler.codedeploy;

import dev.ecsbluegreen.operator.aws.DeploymentGroupState;
import dev.ecsbluegreen.operator.aws.ServiceState;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this operator process knows about the attempts it is preparing, so the passes of one
 * decision (intent, register, create) read AWS once rather than each time. Keyed by release uid,
 * each entry for one attempt token; it lives in memory only, so a restarted operator (or a new
 * leader) knows nothing and reads everything, as it must after a crash.
 */
final class PreparingMemory {

  /**
   * The reads of the pass that decided to register a task definition, for the pass after it: the
   * service, the ready group and no deployment in it (else the pass would not have registered).
   */
  record Carried(String token, ServiceState service, DeploymentGroupState group) {}

  private final Map<String, String> freshIntents = new ConcurrentHashMap<>();
  private final Map<String, Carried> carried = new ConcurrentHashMap<>();

  /** This process is about to record the intent of {@code token}: nothing carries it yet. */
  void intentRecorded(String uid, String token) {
    freshIntents.put(uid, token);
    carried.remove(uid);
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
   * A CreateDeployment for the token is about to be sent; its answer may be lost. The carried reads
   * stay, unused while a deployment may carry the token, in case the call is never sent.
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
   * carried so far instead of reading everything again; if an earlier CreateDeployment may have
   * carried it, the next pass still looks for that one.
   *
   * @param noneCarried what {@link #creating} returned
   */
  void notSent(String uid, String token, boolean noneCarried) {
    if (noneCarried) {
      freshIntents.put(uid, token);
    }
  }

  void carry(String uid, Carried reads) {
    carried.put(uid, reads);
  }

  /**
   * The carried reads of this attempt, for the passes after the one that stored them until one
   * sends CreateDeployment (a pass the budget turned away on the way comes again and uses them).
   */
  Optional<Carried> carried(String uid, String token) {
    return Optional.ofNullable(carried.get(uid)).filter(c -> c.token().equals(token));
  }

  /** The release is gone: forget it. */
  void forget(String uid) {
    freshIntents.remove(uid);
    carried.remove(uid);
  }
}
