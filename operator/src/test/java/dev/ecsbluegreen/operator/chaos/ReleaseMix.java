package dev.ecsbluegreen.operator.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The releases of a run, the same for the same seed. Every ten releases hold each configuration
 * (all-at-once, canary, linear, manual gate, hook) and one bad on purpose (alternately rolled back
 * and failed); two of the ten get a second generation in flight. Their order and the moments they
 * are applied are shuffled across the window in which the operator is being killed.
 */
final class ReleaseMix {
  private record Slot(ReleaseShape shape, boolean changedInFlight) {}

  private static final List<Slot> TEN =
      List.of(
          new Slot(ReleaseShape.ALL_AT_ONCE, false),
          new Slot(ReleaseShape.CANARY, false),
          new Slot(ReleaseShape.LINEAR, false),
          new Slot(ReleaseShape.MANUAL_GATE, false),
          new Slot(ReleaseShape.HOOKED, false),
          new Slot(ReleaseShape.CANARY, true),
          new Slot(ReleaseShape.LINEAR, true),
          new Slot(ReleaseShape.MANUAL_GATE, false),
          new Slot(ReleaseShape.ALL_AT_ONCE, false));

  private ReleaseMix() {}

  static List<ChaosRelease> of(int count, Duration applyWindow, Random random) {
    var slots = new ArrayList<Slot>();
    for (int i = 0; i < count; i++) {
      int position = i % 10;
      if (position < TEN.size()) {
        slots.add(TEN.get(position));
      } else {
        var bad =
            (i / 10) % 2 == 0 ? ReleaseShape.HOOK_FAILS : ReleaseShape.HOOK_FAILS_WITHOUT_ROLLBACK;
        slots.add(new Slot(bad, false));
      }
    }
    Collections.shuffle(slots, random);
    var releases = new ArrayList<ChaosRelease>();
    int width = String.valueOf(count).length();
    for (int i = 0; i < count; i++) {
      var slot = slots.get(i);
      releases.add(
          new ChaosRelease(
              ("chaos-%0" + width + "d").formatted(i + 1),
              slot.shape(),
              10 * (1 + random.nextInt(5)),
              1 + random.nextInt(4),
              random.nextInt(4),
              Duration.ofMillis((long) (random.nextDouble() * applyWindow.toMillis())),
              slot.changedInFlight()));
    }
    releases.sort(Comparator.comparing(ChaosRelease::applyAt));
    return List.copyOf(releases);
  }
}
