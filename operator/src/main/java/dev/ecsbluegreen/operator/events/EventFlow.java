package dev.ecsbluegreen.operator.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether pushed events can be trusted to report a deployment's state changes, so its release may
 * be polled slowly. They can while the queue answers and either an event about the deployment has
 * arrived or it is younger than the quiet threshold: CodeDeploy sends {@code START} within seconds
 * of creating a deployment, so a running deployment that stays unheard for longer means the queue
 * has gone quiet for it (rule disabled, queue policy, wrong region, events lost).
 */
public final class EventFlow {

  /** How a release's deployment is followed. */
  public enum Coverage {
    /** Events arrive for it: poll only as a safety net. */
    PUSHED,
    /** No events to rely on: poll at the normal pace. */
    POLLED,
    /** As {@link #POLLED}, and this is the first time the deployment was found unheard. */
    WENT_QUIET
  }

  private static final Logger log = LoggerFactory.getLogger(EventFlow.class);

  /** Deployments remembered at most; the oldest are forgotten first. */
  private static final int REMEMBERED = 10_000;

  private final boolean enabled;
  private final Clock clock;
  private final Duration quietAfter;
  private final Map<String, Instant> heard = bounded();
  private final Map<String, Instant> awaitedSince = bounded();
  private final Map<String, Boolean> reportedQuiet = bounded();
  private final DeploymentNews news;
  private volatile boolean receiving = true;
  private boolean quiet;

  private EventFlow(boolean enabled, Clock clock, Duration quietAfter) {
    this.enabled = enabled;
    this.clock = clock;
    this.quietAfter = quietAfter;
    this.news = new DeploymentNews(clock);
  }

  /** No queue: every deployment is polled. */
  public static EventFlow off() {
    return new EventFlow(false, Clock.systemUTC(), Duration.ZERO);
  }

  /** A queue whose events count as quiet for a deployment unheard for {@code quietAfter}. */
  public static EventFlow on(Clock clock, Duration quietAfter) {
    return new EventFlow(true, clock, quietAfter);
  }

  public Duration quietAfter() {
    return quietAfter;
  }

  /** What the events that arrived told and no pass has taken yet. */
  public DeploymentNews news() {
    return news;
  }

  /** An event arrived: it covers its deployment, and its news waits for the pass it sets off. */
  public void heard(DeploymentStateChange change) {
    news.record(change);
    heard(change.deploymentId());
  }

  /** An event about this deployment arrived. */
  public synchronized void heard(String deploymentId) {
    heard.put(deploymentId, clock.instant());
    if (quiet) {
      quiet = false;
      log.info("Deployment events arrive again on the events queue; polling as a safety net only");
    }
  }

  /** A receive from the queue answered (with or without messages). */
  public void receiveSucceeded() {
    receiving = true;
  }

  /** A receive from the queue failed: until one answers, nothing is pushed. */
  public void receiveFailed() {
    receiving = false;
  }

  /**
   * Whether events report this running deployment's state changes right now, without counting the
   * question as a look at it: a deployment no look has awaited yet is young, so it is covered. The
   * readers of deployment state ask this before a pass reads, {@link #coverage} after it.
   */
  public synchronized boolean covers(String deploymentId) {
    if (!enabled || !receiving || deploymentId == null) {
      return false;
    }
    if (heard.containsKey(deploymentId)) {
      return true;
    }
    Instant since = awaitedSince.get(deploymentId);
    return since == null || Duration.between(since, clock.instant()).compareTo(quietAfter) < 0;
  }

  /** How the release following this running deployment should be polled now. */
  public synchronized Coverage coverage(String deploymentId) {
    if (!enabled || !receiving || deploymentId == null) {
      return Coverage.POLLED;
    }
    if (heard.containsKey(deploymentId)) {
      return Coverage.PUSHED;
    }
    Instant now = clock.instant();
    Instant since = awaitedSince.computeIfAbsent(deploymentId, id -> now);
    if (Duration.between(since, now).compareTo(quietAfter) < 0) {
      return Coverage.PUSHED;
    }
    if (reportedQuiet.put(deploymentId, Boolean.TRUE) != null) {
      return Coverage.POLLED;
    }
    if (!quiet) {
      quiet = true;
      log.warn(
          "No deployment event arrived for {} in {} while it runs: the events queue has gone quiet"
              + " for it (check the EventBridge rule, the queue policy and --events-queue-url)."
              + " Polling such deployments at the normal pace.",
          deploymentId,
          quietAfter);
    }
    return Coverage.WENT_QUIET;
  }

  private static <V> Map<String, V> bounded() {
    return new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > REMEMBERED;
      }
    };
  }
}
