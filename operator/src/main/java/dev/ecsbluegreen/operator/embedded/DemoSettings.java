package dev.ecsbluegreen.operator.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the embedded demo runs.
 *
 * @param manifests files or folders to apply; empty: the examples bundled in the jar
 * @param minuteMillis wall-clock milliseconds a simulated minute lasts
 * @param timeout how long the releases may take before the demo gives up
 * @param keepRunning keep the API and the simulator up after the releases end
 * @param ownOperator run the demo's own operator; false leaves the releases to one the user runs
 *     (the `run` command) and keeps the API and the simulator up until stopped
 * @param kubeconfig where to write a kubeconfig for the embedded API
 * @param apiPort loopback port of the Kubernetes API (0: any free port)
 * @param awsPort loopback port of the AWS endpoint (0: any free port)
 * @param terminal redraw the table in place instead of printing one line per change
 * @param promotionPause how long the demo shows a release waiting at its gate before promoting it
 */
public record DemoSettings(
    List<Path> manifests,
    double minuteMillis,
    Duration timeout,
    boolean keepRunning,
    boolean ownOperator,
    Path kubeconfig,
    int apiPort,
    int awsPort,
    boolean terminal,
    Duration promotionPause) {}
