package dev.ecsbluegreen.operator.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a kubeconfig that points kubectl (or the operator's run mode) at the embedded API. */
public final class Kubeconfig {
  private Kubeconfig() {}

  public static Path write(Path file, String apiUrl) throws IOException {
    var content =
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: embedded
          cluster:
            server: %s
        users:
        - name: embedded
          user:
            token: embedded
        contexts:
        - name: embedded
          context:
            cluster: embedded
            user: embedded
            namespace: default
        current-context: embedded
        """
            .formatted(apiUrl);
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    return Files.writeString(file, content);
  }
}
