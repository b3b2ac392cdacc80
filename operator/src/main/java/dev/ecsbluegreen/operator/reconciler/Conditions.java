package dev.ecsbluegreen.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;

/**
 * The kstatus condition trio: {@code Ready} (the current generation succeeded), {@code Reconciling}
 * (work for the current generation is under way) and {@code Stalled} (no progress without a
 * change).
 */
public final class Conditions {
  public static final String READY = "Ready";
  public static final String RECONCILING = "Reconciling";
  public static final String STALLED = "Stalled";

  private Conditions() {}

  /** Which of the three conditions hold for a report. */
  public enum Health {
    READY,
    RECONCILING,
    STALLED
  }

  /**
   * The three conditions for a health, each with the same reason and message. A condition keeps its
   * previous {@code lastTransitionTime} unless its status changed (the Kubernetes convention), so a
   * new message alone, such as the next failed retry of an AWS call, is no transition.
   */
  public static List<Condition> of(
      Health health,
      String reason,
      String message,
      long generation,
      List<Condition> previous,
      Instant now) {
    return List.of(
        condition(READY, health == Health.READY, reason, message, generation, previous, now),
        condition(
            RECONCILING, health == Health.RECONCILING, reason, message, generation, previous, now),
        condition(STALLED, health == Health.STALLED, reason, message, generation, previous, now));
  }

  static Condition condition(
      String type,
      boolean holds,
      String reason,
      String message,
      long generation,
      List<Condition> previous,
      Instant now) {
    String status = holds ? "True" : "False";
    String transition =
        find(previous, type)
            .filter(old -> status.equals(old.getStatus()))
            .map(Condition::getLastTransitionTime)
            .orElse(now.toString());
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(transition)
        .build();
  }

  /**
   * Conditions built against one previous status, re-timed against another that replaced it: each
   * keeps the other's transition time where its status is the same there, and is a transition now
   * where it is not.
   */
  static List<Condition> retimed(List<Condition> built, List<Condition> previous, Instant now) {
    if (built == null) {
      return null;
    }
    return built.stream()
        .map(
            c ->
                new ConditionBuilder(c)
                    .withLastTransitionTime(
                        find(previous, c.getType())
                            .filter(old -> c.getStatus().equals(old.getStatus()))
                            .map(Condition::getLastTransitionTime)
                            .orElse(now.toString()))
                    .build())
        .toList();
  }

  public static java.util.Optional<Condition> find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return java.util.Optional.empty();
    }
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }
}
