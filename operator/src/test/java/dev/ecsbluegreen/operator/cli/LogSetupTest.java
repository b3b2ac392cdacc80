package dev.ecsbluegreen.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsbluegreen.operator.cli.LogSetup.LogFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The lines the operator writes to stderr in each log format, as a log pipeline receives them. */
class LogSetupTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void captureStderr() {
    originalErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStderrAndDefaults() throws Exception {
    System.setErr(originalErr);
    MDC.clear();
    var context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  @Test
  void textLinesSeparateTheReleaseFromItsDeploymentId() {
    LogSetup.configure(LogFormat.text, Level.INFO);

    logAbout("perf", "svc-0639d", "d-5X2GPIPXO");
    logAbout("perf", "svc-0639d", null);

    assertThat(lines())
        .satisfiesExactly(
            withId ->
                assertThat(withId).endsWith("[perf/svc-0639d d-5X2GPIPXO] Deploying on port 8080"),
            withoutId -> assertThat(withoutId).endsWith("[perf/svc-0639d] Deploying on port 8080"));
  }

  @Test
  void jsonLinesCarryTheFormattedMessageAndTheRelease() throws Exception {
    LogSetup.configure(LogFormat.json, Level.INFO);

    logAbout("perf", "svc-0639d", "d-5X2GPIPXO");

    assertThat(lines()).hasSize(1);
    var line = new ObjectMapper().readTree(lines()[0]);
    assertThat(line.path("message").asText()).isEqualTo("Deploying on port 8080");
    assertThat(line.path("level").asText()).isEqualTo("INFO");
    assertThat(line.path("logger").asText()).isEqualTo(LogSetupTest.class.getName());
    assertThat(line.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(new ObjectMapper().convertValue(line.path("mdc"), Map.class))
        .containsEntry("resource.namespace", "perf")
        .containsEntry("resource.name", "svc-0639d")
        .containsEntry("deploymentId", "d-5X2GPIPXO");
  }

  @Test
  void jsonLinesKeepAStackTraceInOneField() throws Exception {
    LogSetup.configure(LogFormat.json, Level.INFO);

    LoggerFactory.getLogger(LogSetupTest.class)
        .warn("AWS answered {}", "ThrottlingException", new IllegalStateException("slow down"));

    assertThat(lines()).hasSize(1);
    var line = new ObjectMapper().readTree(lines()[0]);
    assertThat(line.path("message").asText()).isEqualTo("AWS answered ThrottlingException");
    assertThat(line.path("exception").asText())
        .startsWith("java.lang.IllegalStateException: slow down")
        .contains("at dev.ecsbluegreen.operator.cli.LogSetupTest");
  }

  private static void logAbout(String namespace, String name, String deploymentId) {
    MDC.put("resource.namespace", namespace);
    MDC.put("resource.name", name);
    if (deploymentId == null) {
      MDC.remove("deploymentId");
    } else {
      MDC.put("deploymentId", deploymentId);
    }
    LoggerFactory.getLogger(LogSetupTest.class).info("Deploying on port {}", 8080);
  }

  private String[] lines() {
    return err.toString(StandardCharsets.UTF_8).split("\n");
  }
}
