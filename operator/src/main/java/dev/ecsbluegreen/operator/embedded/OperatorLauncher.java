package dev.ecsbluegreen.operator.embedded;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.time.Clock;

/** Starts the operator against a Kubernetes API and an AWS endpoint; closing stops it. */
@FunctionalInterface
public interface OperatorLauncher {
  /**
   * @param awsClock the simulator's time: the operator's own times (when it recorded a release,
   *     condition transitions) must agree with the times AWS reports, which run faster than the
   *     wall clock here
   */
  AutoCloseable start(KubernetesClient kubernetes, URI awsEndpoint, Clock awsClock);
}
