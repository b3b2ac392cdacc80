package dev.ecsbluegreen.operator.events;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.aws.EventsQueue;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JOSDK event source fed by the events queue: a deployment state change triggers, at once, a
 * reconcile of every release whose status names that deployment (found through {@link
 * DeploymentIndex} on the releases' informer). It polls only while the controller runs, so only the
 * leader reads the queue.
 */
public final class DeploymentEventSource extends SimpleInboundEventSource<EcsBlueGreenRelease> {

  private static final Logger log = LoggerFactory.getLogger(DeploymentEventSource.class);

  private final EventsQueue queue;
  private final EventFlow flow;
  private final IndexedResourceCache<EcsBlueGreenRelease> releases;
  private EventsQueuePoller poller;

  public DeploymentEventSource(
      EventsQueue queue, EventFlow flow, IndexedResourceCache<EcsBlueGreenRelease> releases) {
    super("deployment-events");
    this.queue = queue;
    this.flow = flow;
    this.releases = releases;
  }

  @Override
  public synchronized void start() throws OperatorException {
    super.start();
    poller = new EventsQueuePoller(queue, this::trigger, flow);
    poller.start();
    log.info("Reading deployment events from the events queue");
  }

  @Override
  public synchronized void stop() throws OperatorException {
    if (poller != null) {
      poller.close();
      poller = null;
      log.info("Stopped reading deployment events");
    }
    super.stop();
  }

  private void trigger(DeploymentStateChange change) {
    var following = releases.byIndex(DeploymentIndex.NAME, change.deploymentId());
    if (following.isEmpty()) {
      log.debug(
          "No release follows deployment {}; ignoring its {} event",
          change.deploymentId(),
          change.state());
      return;
    }
    for (var release : following) {
      var id = ResourceID.fromResource(release);
      log.debug(
          "Deployment {} sent {}: looking at {} now", change.deploymentId(), change.state(), id);
      propagateEvent(id);
    }
  }
}
