package dev.ecsbluegreen.operator.embedded;

import dev.ecsbluegreen.operator.admission.AdmissionValidator;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;

/**
 * A Kubernetes API on loopback (Fabric8's mock server in CRUD mode) with the release CRD installed
 * and its admission enforced: enough API for the operator, and for kubectl to apply, patch, edit
 * and list releases, without a cluster.
 */
public final class EmbeddedKubernetes implements AutoCloseable {
  static final String CRD_RESOURCE =
      "/META-INF/fabric8/ecsbluegreenreleases.ecs.bluegreen.dev-v1.yml";

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  private EmbeddedKubernetes(KubernetesMockServer server) {
    this.server = server;
    this.client = server.createClient();
  }

  /** Starts the API on the given loopback port (0: any free port) and installs the CRD. */
  public static EmbeddedKubernetes start(int port) {
    var crd = releaseCrd();
    var dispatcher =
        new KubectlDispatcher(
            new KubernetesCrudDispatcher(),
            crd,
            AdmissionValidator.forGeneratedCrd(),
            Clock.systemUTC());
    var server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init(InetAddress.getLoopbackAddress(), port);
    var kubernetes = new EmbeddedKubernetes(server);
    kubernetes.client.resource(crd).create();
    return kubernetes;
  }

  /** The CRD the build generated, as packaged in the operator jar. */
  public static CustomResourceDefinition releaseCrd() {
    try (InputStream in = EmbeddedKubernetes.class.getResourceAsStream(CRD_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("CRD " + CRD_RESOURCE + " is missing from the jar");
      }
      return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
          in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public KubernetesClient client() {
    return client;
  }

  /** The API's base URL, e.g. http://127.0.0.1:34567. */
  public String url() {
    return "http://" + server.getHostName() + ":" + server.getPort();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
