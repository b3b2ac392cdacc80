package dev.ecsbluegreen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    var cli = Main.commandLine();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    return cli.execute(args);
  }

  @Test
  void unknownFlagExitsNonZeroWithUsage() {
    assertThat(run("--prot", "4566")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option").contains("--time-scale");
  }

  @Test
  void unreadableWorldFileExitsWithAMessageNotAStackTrace(@TempDir Path dir) {
    assertThat(run("--world", dir.resolve("missing.yaml").toString())).isEqualTo(1);
    assertThat(err.toString()).startsWith("error: Cannot read world file").doesNotContain("\tat ");
  }

  @Test
  void invalidWorldFileExitsWithTheOffendingField(@TempDir Path dir) throws Exception {
    Path world = Files.writeString(dir.resolve("w.yaml"), "clusterz: [a]\n");

    assertThat(run("--world", world.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("clusterz");
  }

  @Test
  void timeScaleAndMinuteMsTogetherAreRefused() {
    assertThat(run("--time-scale", "60", "--minute-ms", "100")).isEqualTo(1);
    assertThat(err.toString()).contains("either --time-scale or --minute-ms");
  }
}
