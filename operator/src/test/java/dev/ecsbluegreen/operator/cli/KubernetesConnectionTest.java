package dev.ecsbluegreen.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesConnectionTest {
  @TempDir Path folder;

  @Test
  void speaksHttp11ToAnApiServerOnPlainHttp() throws Exception {
    var config = KubernetesConnection.config(kubeconfig("http://localhost:6443"), Map.of());

    assertThat(config.isHttp2Disable()).isTrue();
  }

  @Test
  void keepsHttp2ForAnApiServerOnTls() throws Exception {
    var config = KubernetesConnection.config(kubeconfig("https://10.0.0.1:6443"), Map.of());

    assertThat(config.isHttp2Disable()).isFalse();
  }

  private Path kubeconfig(String server) throws Exception {
    return Files.writeString(
        folder.resolve("kubeconfig"),
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "%s"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: x, context: {cluster: c, user: u}}]
        current-context: x
        """
            .formatted(server));
  }
}
