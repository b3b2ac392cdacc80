package dev.ecsbluegreen.operator.cli;

import dev.ecsbluegreen.operator.embedded.ReleaseManifests.ManifestException;
import dev.ecsbluegreen.operator.errors.Causes;
import dev.ecsbluegreen.operator.errors.ReleaseException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.OperatorException;
import java.net.BindException;

/**
 * The one line a person reads when a command fails: what went wrong and, where the cause is a usual
 * one, what to do. The stack trace is for --log-level=DEBUG.
 */
final class FailureMessage {
  private FailureMessage() {}

  static String of(Throwable failure) {
    if (failure instanceof ManifestException
        || failure instanceof ReleaseException
        || failure instanceof IllegalArgumentException
        || failure instanceof StartupException) {
      return failure.getMessage();
    }
    if (Causes.find(failure, BindException.class).isPresent()) {
      return causes(failure)
          + "; stop what listens there or choose another port (0 picks a free one)";
    }
    var kubernetes = Causes.find(failure, KubernetesClientException.class);
    if (kubernetes.isPresent()) {
      return kubernetes(kubernetes.get());
    }
    if (failure instanceof OperatorException) {
      return "the operator could not start: " + causes(failure);
    }
    return causes(failure)
        + " ("
        + failure.getClass().getName()
        + "; --log-level=DEBUG shows the stack trace)";
  }

  private static String kubernetes(KubernetesClientException failure) {
    return switch (failure.getCode()) {
      case 401 -> "the Kubernetes API refused the credentials (401): check the kubeconfig's user";
      case 403 ->
          "the Kubernetes API forbade a request (403); the operator's RBAC must allow it: "
              + failure.getMessage();
      case 404 ->
          "the Kubernetes API does not serve EcsBlueGreenReleases (404); install the CRD first:"
              + " kubectl apply --server-side -f crds/";
      default -> "the Kubernetes API did not answer: " + causes(failure);
    };
  }

  /**
   * The failure's own message and its root cause's, which usually names the real problem ("Cannot
   * listen on port 8080: Address already in use"); wrappers that only repeat their cause's class
   * name are skipped.
   */
  static String causes(Throwable failure) {
    var root = Causes.root(failure);
    var rootText = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    var own = failure.getMessage();
    if (root == failure || own == null || own.equals(String.valueOf(failure.getCause()))) {
      return rootText;
    }
    return own.endsWith(rootText) ? own : own + ": " + rootText;
  }
}
