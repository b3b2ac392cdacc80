package dev.ecsbluegreen.operator.reconciler;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.ActionResult;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.HandledAction;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseStatus.HandledActions;
import dev.ecsbluegreen.operator.reconciler.Plan.Ack;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes {@code status.actions}: the last request (annotation value) handled for each
 * action. This record, not the annotation's presence, says whether a request is new, so the
 * annotation can stay where Git put it.
 */
final class ActionRecords {
  private ActionRecords() {}

  /** The value last handled for an action annotation, if any. */
  static Optional<String> handledValue(EcsBlueGreenReleaseStatus status, String annotation) {
    return Optional.ofNullable(status)
        .map(EcsBlueGreenReleaseStatus::actions)
        .map(actions -> of(actions, annotation))
        .map(HandledAction::handled);
  }

  /** The previous records with this pass's answers put in; unchanged when there are none. */
  static HandledActions record(HandledActions previous, List<Ack> acks, Instant now) {
    HandledActions records = previous;
    for (Ack ack : acks) {
      var handled =
          new HandledAction(
              ack.value(),
              now.toString(),
              ack.applied() ? ActionResult.Applied : ActionResult.Ignored,
              ack.message());
      records =
          with(
              records == null ? new HandledActions(null, null, null, null) : records,
              ack.annotation(),
              handled);
    }
    return records;
  }

  /**
   * The records of a status that moved on after this pass read it, with this pass's answers put in
   * except where it already holds an answer to the same value: a request is answered once, and the
   * answer first recorded stands (an action applied by whoever wrote it is not turned into
   * "ignored" by a pass that only saw its effect).
   */
  static HandledActions rebase(HandledActions fresh, List<Ack> acks, Instant now) {
    var unanswered =
        acks.stream()
            .filter(ack -> fresh == null || !answered(of(fresh, ack.annotation()), ack))
            .toList();
    return record(fresh, unanswered, now);
  }

  private static boolean answered(HandledAction record, Ack ack) {
    return record != null && ack.value().equals(record.handled());
  }

  private static HandledAction of(HandledActions actions, String annotation) {
    return switch (annotation) {
      case Actions.PROMOTE -> actions.promote();
      case Actions.ROLLBACK -> actions.rollback();
      case Actions.SKIP_BAKE -> actions.skipBake();
      case Actions.RETRY -> actions.retry();
      default -> throw new IllegalArgumentException("not an action annotation: " + annotation);
    };
  }

  private static HandledActions with(HandledActions a, String annotation, HandledAction handled) {
    return switch (annotation) {
      case Actions.PROMOTE -> new HandledActions(handled, a.rollback(), a.skipBake(), a.retry());
      case Actions.ROLLBACK -> new HandledActions(a.promote(), handled, a.skipBake(), a.retry());
      case Actions.SKIP_BAKE -> new HandledActions(a.promote(), a.rollback(), handled, a.retry());
      case Actions.RETRY -> new HandledActions(a.promote(), a.rollback(), a.skipBake(), handled);
      default -> throw new IllegalArgumentException("not an action annotation: " + annotation);
    };
  }
}
