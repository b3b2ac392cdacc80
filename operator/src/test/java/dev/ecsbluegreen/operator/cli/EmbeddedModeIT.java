package dev.ecsbluegreen.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.embedded.DemoSettings;
import dev.ecsbluegreen.operator.embedded.EmbeddedDemo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's main command, headless: the bundled examples run to the outcomes their manifests
 * expect, under load that sees no failed request.
 */
class EmbeddedModeIT {
  private static final double MINUTE_MILLIS = 600;
  private static int exitCode;
  private static String output;

  @BeforeAll
  static void runTheDemo() throws InterruptedException {
    var captured = new ByteArrayOutputStream();
    var settings =
        new DemoSettings(
            List.of(),
            MINUTE_MILLIS,
            Duration.ofSeconds(120),
            false,
            true,
            Path.of("unused.kubeconfig"),
            0,
            0,
            false,
            Duration.ofMillis(300));
    try (var out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      exitCode = new EmbeddedDemo(settings, EmbeddedCommand.launcher(MINUTE_MILLIS), out).run();
    }
    output = captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyExampleEndsAsExpectedWithNoFailedRequest() {
    assertThat(exitCode).as(output).isZero();
    assertThat(output)
        .contains("Every release ended as expected; no request to a production listener failed.");
    assertThat(summaryRow("payments/checkout-api")).containsSequence("Succeeded", "Succeeded");
    assertThat(summaryRow("orders/orders-api")).containsSequence("Succeeded", "Succeeded");
    assertThat(summaryRow("payments/payments-worker")).containsSequence("Succeeded", "Succeeded");
    assertThat(summaryRow("inventory/inventory-api")).containsSequence("RolledBack", "RolledBack");
    assertThat(summaryRow("shop/cart-api")).containsSequence("Succeeded", "Succeeded");
    assertThat(summaryRow("search/search-api")).containsSequence("RolledBack", "RolledBack");
  }

  @Test
  void loadOnEveryProductionListenerSawNoFailure() {
    for (var release :
        List.of(
            "payments/checkout-api",
            "orders/orders-api",
            "payments/payments-worker",
            "inventory/inventory-api",
            "search/search-api")) {
      var row = summaryRow(release);
      assertThat(Long.parseLong(row.get(3))).as("requests to %s", release).isPositive();
      assertThat(row.get(4)).as("failed requests to %s", release).isEqualTo("0");
    }
  }

  @Test
  void trafficMovedToGreenOnlyForTheGoodReleases() {
    assertThat(summaryRow("payments/checkout-api").get(5)).isNotIn("", "0%");
    assertThat(summaryRow("inventory/inventory-api").get(5)).isEqualTo("0%");
  }

  @Test
  void aCloudWatchCheckCatchesMidCanaryWhatTheSmokeTestMissed() {
    assertThat(output)
        .contains("search/search-api  lifecycle event AfterAllowTestTraffic: Succeeded")
        .contains("search/search-api phase=ShiftingTraffic green=10 ")
        .containsPattern(
            "search/search-api phase=RolledBack .*analysis check p99-latency failed \\(p99 of"
                + " TargetResponseTime = 0\\.4, fails: above 0\\.2\\)");
    assertThat(summaryRow("search/search-api").get(4)).isEqualTo("0");
  }

  @Test
  void showsTheManualGateAndThePromotionAUserWouldType() {
    assertThat(output).contains("phase=AwaitingPromotion");
    assertThat(output)
        .contains("$ kubectl annotate release orders-api -n orders ecs.bluegreen.dev/promote=true");
  }

  @Test
  void namesTheManifestFilesAsTheyAreInExamples() {
    assertThat(output)
        .contains("$ kubectl apply -f inventory-api-bad-release.yaml   # inventory/inventory-api")
        .contains("$ kubectl apply -f orders-api-inline.yaml   # orders/orders-api");
  }

  @Test
  void showsTheCanaryStepAndTheLinearSteps() {
    assertThat(output).contains("payments/checkout-api phase=ShiftingTraffic green=10 ");
    assertThat(output).contains("orders/orders-api phase=ShiftingTraffic green=20 ");
  }

  @Test
  void explainsWhyTheBadReleaseWasRolledBack() {
    assertThat(output)
        .contains("inventory/inventory-api  lifecycle event AfterAllowTestTraffic: Failed");
    assertThat(output)
        .containsPattern("inventory/inventory-api phase=RolledBack .*AfterAllowTestTraffic");
  }

  private static List<String> summaryRow(String release) {
    var summary = output.substring(output.lastIndexOf("\nSummary\n"));
    return summary
        .lines()
        .filter(line -> line.startsWith(release + " "))
        .findFirst()
        .map(line -> Arrays.asList(line.trim().split("\\s+")))
        .orElseThrow(() -> new AssertionError("no summary row for " + release + " in\n" + output));
  }
}
