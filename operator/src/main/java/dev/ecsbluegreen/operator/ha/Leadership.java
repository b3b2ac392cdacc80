package dev.ecsbluegreen.operator.ha;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this replica leads, and what happens when it stops leading. Losing the Lease while
 * running (the API server was unreachable past the renew deadline) must end reconciling here, since
 * another replica may already lead; {@code onLost} does that (in production: exit, and let
 * Kubernetes restart the pod as a standby). Stopping on purpose is not a loss.
 */
public final class Leadership {
  private static final Logger log = LoggerFactory.getLogger(Leadership.class);

  private final AtomicBoolean leading = new AtomicBoolean();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Runnable onLost;

  public Leadership(Runnable onLost) {
    this.onLost = onLost;
  }

  /** Exits the JVM on a lost Lease, from a new thread so that shutdown hooks can run. */
  public static Leadership exitingOnLoss() {
    return new Leadership(() -> new Thread(() -> System.exit(1), "leadership-lost").start());
  }

  public boolean isLeader() {
    return leading.get();
  }

  /** The operator is being stopped: giving up the Lease now is expected. */
  public void stopping() {
    stopping.set(true);
  }

  public LeaderCallbacks callbacks() {
    return new LeaderCallbacks(this::started, this::stopped, this::newLeader);
  }

  private void started() {
    leading.set(true);
    log.info("Leading: reconciling releases");
  }

  private void stopped() {
    leading.set(false);
    if (stopping.get()) {
      log.info("Stopped leading");
      return;
    }
    log.error("Lost the leader Lease while running; stopping so that only the new leader acts");
    onLost.run();
  }

  private void newLeader(String identity) {
    log.info("Leader is now {}", identity);
  }
}
