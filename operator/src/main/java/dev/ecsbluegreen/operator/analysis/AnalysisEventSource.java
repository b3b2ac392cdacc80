package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;

/**
 * Reconciles a release as soon as one of its analysis runs has finished, so its result is counted
 * (and acted on) without waiting for the next poll. Stopping it stops the runs' pool.
 */
public final class AnalysisEventSource extends SimpleInboundEventSource<EcsBlueGreenRelease> {
  private final AnalysisRuns runs;

  public AnalysisEventSource(AnalysisRuns runs) {
    super("analysis-runs");
    this.runs = runs;
  }

  @Override
  public synchronized void start() throws OperatorException {
    super.start();
    runs.onFinished(this::propagateEvent);
  }

  @Override
  public synchronized void stop() throws OperatorException {
    runs.close();
    super.stop();
  }
}
