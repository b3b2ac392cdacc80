package dev.ecsbluegreen.operator.reconciler;

/**
 * The planner's answer: what to do, the facts and report that hold once it is done, and the action
 * annotation (if any) the pass answers.
 */
public record Plan(Decision decision, Facts facts, Report report, Ack ack) {

  /** An action annotation acted on (or not), to remove and to tell in an Event. */
  public record Ack(String annotation, boolean applied, String message) {}

  public Plan withAck(Ack newAck) {
    return new Plan(decision, facts, report, newAck);
  }

  public Plan with(Facts newFacts, Report newReport) {
    return new Plan(decision, newFacts, newReport, ack);
  }
}
