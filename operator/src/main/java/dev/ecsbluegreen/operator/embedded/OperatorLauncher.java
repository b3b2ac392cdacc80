package dev.ecsbluegreen.operator.embedded;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;

/** Starts the operator against a Kubernetes API and an AWS endpoint; closing stops it. */
@FunctionalInterface
public interface OperatorLauncher {
  AutoCloseable start(KubernetesClient kubernetes, URI awsEndpoint);
}
