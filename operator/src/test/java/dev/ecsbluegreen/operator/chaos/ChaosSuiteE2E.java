package dev.ecsbluegreen.operator.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;
import dev.ecsbluegreen.operator.fixtures.RealApiServer;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The chaos suite: releases of mixed configurations on a real API server and the simulator, the
 * operator run as a separate process and killed with SIGKILL at seeded moments, then AWS audited
 * against the releases. {@code mvn verify} makes the small run; {@code -Dchaos.*} properties make
 * any other (docs/reliability.md has the large one's command and figures). Each process's log is
 * kept in {@code operator/target/chaos/<time>/}.
 */
@OnRealApiServer
class ChaosSuiteE2E {

  @Test
  void releasesSurviveKilledOperatorsWithoutDuplicatesOrWrongStatuses() throws Exception {
    var settings = ChaosSettings.from(System.getProperties());
    var folder =
        RealApiServer.repository()
            .resolve(
                Path.of("operator", "target", "chaos", Instant.now().toString().replace(':', '-')));

    var figures = new ChaosRun(settings, folder).run();

    System.out.println("Chaos run figures (logs in " + folder + "):\n" + figures.table());
    assertThat(figures.kills()).isEqualTo(settings.kills());
    assertThat(figures.deploymentsFound()).isGreaterThanOrEqualTo(figures.generations());
    assertThat(figures.defects()).isEmpty();
  }
}
