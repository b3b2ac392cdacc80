package dev.ecsbluegreen.operator.embedded;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What a user types to run the operator's `run` command against the embedded API and the simulator:
 * the credentials the AWS SDK's default chain reads, and the command with the kubeconfig, endpoint
 * and region this process serves.
 */
final class RunInstructions {
  /** The simulator accepts any access key; the SDK only needs one to sign its requests. */
  static final String CREDENTIALS = "AWS_ACCESS_KEY_ID=embedded AWS_SECRET_ACCESS_KEY=embedded";

  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+-]+");
  private static final String JAR_FALLBACK = "ecs-bluegreen-operator.jar";

  private RunInstructions() {}

  /**
   * The lines to print. Simulated time runs fast, so the polls are a second, not the defaults meant
   * for AWS; port 0 keeps the operator's probes off a port something else on the machine holds (the
   * operator logs the one it picked).
   */
  static String text(Path kubeconfig, URI awsEndpoint, String region, String jar) {
    var config = quoted(kubeconfig.toAbsolutePath().toString());
    return """
        No operator runs in this process: the releases wait for yours. Start it in another terminal:
          export %s   # any key works with the simulator
          java -jar %s run --kubeconfig %s --aws-endpoint %s --region %s --poll-active 1 --poll-idle 1 --http-port 0
        Watch and act on the releases here and from a third terminal (with the same keys exported):
          export KUBECONFIG=%s
          kubectl get releases -A
          aws --endpoint-url %s --region %s deploy list-deployments
        Press Ctrl-C here to stop the API and the simulator.
        """
        .formatted(
            CREDENTIALS, quoted(jar), config, awsEndpoint, region, config, awsEndpoint, region);
  }

  /**
   * The jar this process runs from, as a path relative to the working directory when it lies below
   * it; the jar's usual name when the classes do not come from a jar (tests, an IDE).
   */
  static String currentJar() {
    try {
      var location = RunInstructions.class.getProtectionDomain().getCodeSource().getLocation();
      var path = Path.of(location.toURI());
      if (!Files.isRegularFile(path) || !path.toString().endsWith(".jar")) {
        return JAR_FALLBACK;
      }
      var here = Path.of("").toAbsolutePath();
      return path.startsWith(here) ? here.relativize(path).toString() : path.toString();
    } catch (URISyntaxException | RuntimeException e) {
      return JAR_FALLBACK;
    }
  }

  private static String quoted(String word) {
    return SHELL_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
  }
}
