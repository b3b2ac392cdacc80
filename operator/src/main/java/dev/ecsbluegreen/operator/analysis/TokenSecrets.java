package dev.ecsbluegreen.operator.analysis;

import dev.ecsbluegreen.operator.api.v1alpha1.SecretKeyRef;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads the bearer token a check names from a Secret in its release's namespace: one GET per run,
 * no informer. Watching every Secret of the cluster would cache credentials the operator never
 * needs and need list and watch on all of them; a run every few seconds at most costs little more
 * than a cache would, and always sees a rotated token.
 */
public final class TokenSecrets {
  /** The chart value that grants the operator get on Secrets. */
  public static final String CHART_VALUE = "analysis.prometheus.readTokenSecrets";

  private final KubernetesClient client;

  public TokenSecrets(KubernetesClient client) {
    this.client = client;
  }

  /**
   * The token, stripped of surrounding whitespace (a file read into a Secret often ends with a
   * newline).
   *
   * @throws Unavailable saying why there is none, in a sentence for the release's status
   */
  public String read(String namespace, SecretKeyRef ref) {
    String where = "Secret %s/%s".formatted(namespace, ref.name());
    io.fabric8.kubernetes.api.model.Secret secret;
    try {
      secret = client.secrets().inNamespace(namespace).withName(ref.name()).get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        throw new Unavailable(
            "the operator may not read %s (forbidden): install the chart with %s=true to let it"
                    .formatted(where, CHART_VALUE)
                + " read the Secrets that prometheus checks name");
      }
      throw new Unavailable("%s could not be read: %s".formatted(where, e.getMessage()));
    }
    if (secret == null) {
      throw new Unavailable(where + " does not exist");
    }
    var data = secret.getData();
    String encoded = data == null ? null : data.get(ref.key());
    if (encoded == null) {
      throw new Unavailable("%s has no key %s".formatted(where, ref.key()));
    }
    String token;
    try {
      token = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).strip();
    } catch (IllegalArgumentException e) {
      throw new Unavailable("%s key %s is not base64".formatted(where, ref.key()));
    }
    if (token.isEmpty()) {
      throw new Unavailable("%s key %s is empty".formatted(where, ref.key()));
    }
    return token;
  }

  /** No token could be read; the message says why. */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String message) {
      super(message);
    }
  }
}
