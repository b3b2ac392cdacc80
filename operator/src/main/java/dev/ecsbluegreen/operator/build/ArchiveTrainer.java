package dev.ecsbluegreen.operator.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Build step run once the jar is packaged: a short run of the embedded mode in a JVM of its own
 * that writes, as it exits, a class-data-sharing archive of the classes it loaded. A JVM started
 * with {@code -XX:SharedArchiveFile=} on that archive maps those classes instead of reading,
 * parsing and verifying them from the jar, which is most of the operator's start-up
 * (docs/performance.md). The embedded mode runs the same operator (Fabric8 client, JOSDK, the AWS
 * SDK clients, both engines) as {@code run} does, against an in-process API and simulator, so no
 * cluster or AWS account is needed to build.
 *
 * <p>The archive is valid only for the JVM build that wrote it and the jar at the same path, size
 * and modification time; any other JVM ignores it with one warning and starts as without it.
 *
 * <pre>ArchiveTrainer JAVA JAR ARCHIVE JVM_FLAGS LOG MANIFEST...</pre>
 *
 * JVM_FLAGS are comma-separated (those the operator is started with: the archive must be written
 * with the same compressed-pointer settings as it is used with).
 */
public final class ArchiveTrainer {
  /** Far above the 20 to 60 s the run takes on 2 busy cores: ends a hung run, not the build. */
  private static final Duration TIME_LIMIT = Duration.ofMinutes(3);

  private ArchiveTrainer() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length < 6) {
      throw new IllegalArgumentException(
          "usage: ArchiveTrainer JAVA JAR ARCHIVE JVM_FLAGS LOG MANIFEST...");
    }
    var manifests = Arrays.stream(args).skip(5).map(Path::of).toList();
    train(
        command(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), flags(args[3]), manifests),
        Path.of(args[2]),
        Path.of(args[4]));
  }

  static List<String> flags(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(","))
        .map(String::trim)
        .filter(flag -> !flag.isEmpty())
        .toList();
  }

  /** The training JVM's command line: the embedded mode, fast, on the manifests given. */
  static List<String> command(
      Path java, Path jar, Path archive, List<String> jvmFlags, List<Path> manifests) {
    var command = new ArrayList<String>();
    command.add(java.toString());
    command.addAll(jvmFlags);
    command.add("-XX:ArchiveClassesAtExit=" + archive);
    // The dump names every class it leaves out (picocli's are compiled for Java 5, generated
    // reflection accessors are never archived): hundreds of warnings about nothing to act on.
    command.add("-Xlog:cds=off");
    command.add("-Xlog:cds+dynamic=off");
    command.addAll(
        List.of(
            // The jar as the only class path, as -jar has it, so the archive fits a -jar start.
            "-cp",
            jar.toString(),
            TrainingRun.class.getName(),
            "embedded",
            "--plain",
            "--minute-ms",
            "20",
            "--timeout",
            "120"));
    manifests.forEach(manifest -> command.add(manifest.toString()));
    return command;
  }

  static void train(List<String> command, Path archive, Path log)
      throws IOException, InterruptedException {
    // An archive of the previous jar would be refused by the JVM; better none than that.
    Files.deleteIfExists(archive);
    var run =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!run.waitFor(TIME_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      run.destroyForcibly();
      throw new IllegalStateException(
          "the class-data-sharing training run did not end within " + TIME_LIMIT + "; see " + log);
    }
    if (run.exitValue() != 0) {
      throw new IllegalStateException(
          "the class-data-sharing training run failed (exit " + run.exitValue() + "); see " + log);
    }
    if (!Files.isRegularFile(archive)) {
      throw new IllegalStateException(
          "the class-data-sharing training run wrote no archive at " + archive + "; see " + log);
    }
  }
}
