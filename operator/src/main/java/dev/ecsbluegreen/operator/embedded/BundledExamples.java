package dev.ecsbluegreen.operator.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The example manifests packaged in the jar (copied from examples/ at build time), so the embedded
 * mode has its demo wherever the jar runs.
 */
final class BundledExamples {
  private static final String FOLDER = "/embedded/examples";

  private BundledExamples() {}

  static List<ReleaseManifests.Manifest> load() {
    var url = BundledExamples.class.getResource(FOLDER);
    if (url == null) {
      throw new IllegalStateException("The jar has no bundled examples at " + FOLDER);
    }
    try {
      var uri = url.toURI();
      if (!"jar".equals(uri.getScheme())) {
        return ReleaseManifests.read(List.of(Path.of(uri)));
      }
      try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
        return ReleaseManifests.read(List.of(jar.getPath(FOLDER)));
      }
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
