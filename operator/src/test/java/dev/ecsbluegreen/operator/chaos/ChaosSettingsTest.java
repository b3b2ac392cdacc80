package dev.ecsbluegreen.operator.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ChaosSettingsTest {

  @Test
  void withoutPropertiesItIsTheSmallRun() {
    var settings = ChaosSettings.from(new Properties());

    assertThat(settings).isEqualTo(ChaosSettings.small());
    assertThat(settings.releases()).isEqualTo(20);
    assertThat(settings.kills()).isEqualTo(5);
  }

  @Test
  void propertiesMakeTheLargeRun() {
    var properties = new Properties();
    properties.setProperty("chaos.releases", "200");
    properties.setProperty("chaos.kills", "25");
    properties.setProperty("chaos.throttle", "0.3");
    properties.setProperty("chaos.errors", "0.05");
    properties.setProperty("chaos.leaderFailover", "true");
    properties.setProperty("chaos.timeoutSeconds", "900");

    var settings = ChaosSettings.from(properties);

    assertThat(settings.releases()).isEqualTo(200);
    assertThat(settings.kills()).isEqualTo(25);
    assertThat(settings.throttleRate()).isEqualTo(0.3);
    assertThat(settings.errorRate()).isEqualTo(0.05);
    assertThat(settings.leaderFailover()).isTrue();
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(900));
    assertThat(settings.describe())
        .isEqualTo(
            "200 releases, 25 kills of the leader (2 replicas), seed 14, 30% throttling + 5%"
                + " errors, minute = 500 ms");
  }

  @Test
  void aBadValueIsRefusedNamingTheProperty() {
    assertRefused("chaos.releases", "many", "chaos.releases must be a whole number, was \"many\"");
    assertRefused("chaos.releases", "0", "chaos.releases must be at least 1, was 0");
    assertRefused("chaos.throttle", "30%", "chaos.throttle must be a number, was \"30%\"");
    assertRefused("chaos.errors", "1.5", "chaos.errors must be a fraction from 0 to 1, was 1.5");
    assertRefused(
        "chaos.leaderFailover", "yes", "chaos.leaderFailover must be true or false, was \"yes\"");
    assertRefused("chaos.minuteMs", "5", "chaos.minuteMs must be at least 50, was 5.0");
  }

  @Test
  void faultsThatLeaveNoCallAnAnswerAreRefused() {
    var properties = new Properties();
    properties.setProperty("chaos.throttle", "0.6");
    properties.setProperty("chaos.errors", "0.4");

    assertThatThrownBy(() -> ChaosSettings.from(properties))
        .hasMessage(
            "chaos.throttle plus chaos.errors must stay below 1, or no AWS call ever succeeds");
  }

  private static void assertRefused(String property, String value, String message) {
    var properties = new Properties();
    properties.setProperty(property, value);
    assertThatThrownBy(() -> ChaosSettings.from(properties))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
