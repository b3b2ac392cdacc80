package dev.ecsbluegreen.operator.reconciler;

import java.time.Instant;
import java.util.List;

/**
 * The planner's answer: what to do, the facts and report that hold once it is done, and the action
 * requests (if any) the pass answers.
 */
public record Plan(Decision decision, Facts facts, Report report, List<Ack> acks) {

  /**
   * An action request acted on (or not): recorded on the status as handled and told in an Event.
   *
   * @param annotation the action annotation
   * @param value its value, the request; the same value is never answered twice
   */
  public record Ack(String annotation, String value, boolean applied, String message) {

    public Ack notApplied(String why) {
      return new Ack(annotation, value, false, why);
    }
  }

  public Plan {
    acks = acks == null ? List.of() : List.copyOf(acks);
  }

  /**
   * Nothing to change in AWS about a deployment the pass found: the facts record its outcome once
   * the report says it has ended.
   *
   * @param completeTime when the engine says it ended; {@code now} when it does not say
   */
  public static Plan observing(Facts facts, Report report, Instant completeTime, Instant now) {
    if (!report.settled()) {
      return new Plan(new Decision.Observe(), facts, report, null);
    }
    Instant at = completeTime == null ? now : completeTime;
    return new Plan(
        new Decision.Observe(),
        facts.completed(at.toString(), report.phase(), report.message()),
        report,
        null);
  }

  public Plan withAck(Ack newAck) {
    return new Plan(decision, facts, report, List.of(newAck));
  }

  public Plan withAcks(List<Ack> newAcks) {
    return new Plan(decision, facts, report, newAcks);
  }

  public Plan with(Facts newFacts, Report newReport) {
    return new Plan(decision, newFacts, newReport, acks);
  }
}
