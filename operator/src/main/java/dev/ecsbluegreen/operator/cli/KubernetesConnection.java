package dev.ecsbluegreen.operator.cli;

import com.google.common.base.Throwables;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Finds the Kubernetes API the way kubectl does (--kubeconfig, $KUBECONFIG, ~/.kube/config, the
 * pod's service account) and checks that it answers before the operator starts. Without these
 * checks a missing configuration surfaces only after the informers' retries, about 20 s later, as a
 * chain of stack traces.
 */
final class KubernetesConnection {
  /**
   * How long the answer may take once connected. Longer than the connection: a JVM that starts on a
   * busy node (the chart requests a tenth of a CPU) spends seconds of CPU on its first TLS
   * handshake, and an operator that exits for that is restarted into the same wait.
   */
  static final int ANSWER_TIMEOUT_MILLIS = 30_000;

  private KubernetesConnection() {}

  /** The client configuration; refuses to guess when nothing configures a cluster. */
  static Config config(Path kubeconfig, Map<String, String> env) throws IOException {
    return withoutCleartextHttp2(found(kubeconfig, env));
  }

  /**
   * An API server on plain HTTP (the embedded one) is spoken to in HTTP/1.1: the JDK client's
   * cleartext HTTP/2 upgrade left about one request in ten without an answer there, among them the
   * start-up probe. Over TLS, HTTP/2 is negotiated by ALPN and stays on.
   */
  static Config withoutCleartextHttp2(Config config) {
    if (config.getMasterUrl() != null && config.getMasterUrl().startsWith("http:")) {
      config.setHttp2Disable(true);
    }
    return config;
  }

  private static Config found(Path kubeconfig, Map<String, String> env) throws IOException {
    if (kubeconfig != null) {
      if (!Files.isReadable(kubeconfig)) {
        throw new IllegalArgumentException("--kubeconfig " + kubeconfig + ": no readable file");
      }
      return Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString());
    }
    if (!configured(env, Config.getKubeconfigFilenames())) {
      throw new StartupException(
          "no Kubernetes cluster configured: no kubeconfig at "
              + String.join(", ", Config.getKubeconfigFilenames())
              + " and not in a pod (KUBERNETES_SERVICE_HOST is unset); pass --kubeconfig FILE or"
              + " set KUBECONFIG");
    }
    return Config.autoConfigure(null);
  }

  static boolean configured(Map<String, String> env, Collection<String> kubeconfigFiles) {
    return kubeconfigFiles.stream().anyMatch(file -> Files.isRegularFile(Path.of(file)))
        || present(env.get(Config.KUBERNETES_SERVICE_HOST_PROPERTY))
        || present(env.get("KUBERNETES_MASTER"))
        || present(System.getProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY));
  }

  /**
   * Asks the API server for its version once, on the operator's own client and without its retries:
   * the client's connection timeout to connect, at most 30 s to answer. Any HTTP answer will do
   * (even 401 or 403: the informers then report what the credentials lack); no answer at all stops
   * the start with the server's address and the reason. Sharing the operator's client makes the
   * check's TLS handshake and connection the ones the informers then use, instead of a second
   * client's: on a busy node the handshake is most of the check's time.
   */
  static void requireAnswer(KubernetesClient client) throws InterruptedException {
    var noRetries =
        new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
            .withRequestRetryBackoffLimit(0)
            .build();
    // Shares the operator's connections; closing it would close them too, so it is left open.
    var http = client.getHttpClient().newBuilder().tag(noRetries).build();
    var version =
        http.newHttpRequestBuilder()
            .uri(client.getMasterUrl() + "version")
            .timeout(ANSWER_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
            .build();
    try {
      http.sendAsync(version, String.class).get(ANSWER_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new StartupException(
          "the Kubernetes API at "
              + client.getConfiguration().getMasterUrl()
              + " did not answer ("
              + reason(e, client.getConfiguration().getConnectionTimeout())
              + "); check the kubeconfig's server and that the cluster is up");
    }
  }

  /** The network's reason in a person's words; the client's own message says only "error". */
  private static String reason(Throwable failure, int connectTimeoutMillis) {
    for (var cause : Throwables.getCausalChain(failure)) {
      if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
        return "unknown host";
      }
      if (cause instanceof ConnectException || cause instanceof ClosedChannelException) {
        return "connection refused";
      }
      if (cause instanceof HttpConnectTimeoutException) {
        return "no connection within " + connectTimeoutMillis / 1000 + " s";
      }
      if (cause instanceof HttpTimeoutException
          || cause instanceof SocketTimeoutException
          || cause instanceof TimeoutException) {
        return "no answer within " + ANSWER_TIMEOUT_MILLIS / 1000 + " s";
      }
      if (cause instanceof SSLException) {
        return "TLS failed: " + cause.getMessage();
      }
    }
    return FailureMessage.causes(failure);
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
