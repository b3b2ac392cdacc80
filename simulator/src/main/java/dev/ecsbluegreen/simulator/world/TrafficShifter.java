package dev.ecsbluegreen.simulator.world;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The AllowTraffic event of a deployment: moves production traffic to green in the steps its
 * traffic routing gives (one for all-at-once, two for canary, several for linear), one interval
 * apart, and once the last step's listener update has landed makes green the service's primary task
 * set.
 */
final class TrafficShifter {

  private final TrafficRouter router;
  private final Timings timings;
  private final BiConsumer<Deployment, Instant> eventDone;

  /** {@code eventDone} is told when AllowTraffic has finished, at the instant it finished. */
  TrafficShifter(TrafficRouter router, Timings timings, BiConsumer<Deployment, Instant> eventDone) {
    this.router = router;
    this.timings = timings;
    this.eventDone = eventDone;
  }

  /** Starts AllowTraffic: the first weight applies at once. */
  void begin(Deployment d) {
    d.trafficStep = 0;
    shift(d, d.routing().greenWeights().get(0));
  }

  /**
   * Applies the step due by {@code at}. Returns null after a transition, otherwise the instant the
   * next one is due (the engine's step contract).
   */
  Instant step(Deployment d, LifecycleEvent event, Instant at) {
    List<Double> weights = d.routing().greenWeights();
    Duration interval = d.routing().interval();
    int last = weights.size() - 1;
    if (d.trafficStep < last) {
      Instant nextStep = d.stageStartedAt.plus(interval.multipliedBy(d.trafficStep + 1L));
      if (nextStep.isAfter(at)) {
        return nextStep;
      }
      d.trafficStep++;
      shift(d, weights.get(d.trafficStep));
      d.touch(nextStep);
      return null;
    }
    Instant done =
        d.stageStartedAt.plus(interval.multipliedBy(last)).plus(timings.listenerUpdate());
    if (done.isAfter(at)) {
      return done;
    }
    // Production is on green: green becomes the service's primary task set.
    d.green.setStatus("PRIMARY", done);
    d.blue.setStatus("ACTIVE", done);
    event.finish("Succeeded", done, "Success", null);
    eventDone.accept(d, done);
    return null;
  }

  private void shift(Deployment d, double greenWeight) {
    d.greenWeight = greenWeight;
    router.split(
        d.group().productionListenerArn(),
        d.blue.targetGroupName(),
        d.green.targetGroupName(),
        greenWeight);
  }
}
