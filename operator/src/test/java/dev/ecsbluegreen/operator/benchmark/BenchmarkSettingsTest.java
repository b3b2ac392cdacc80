package dev.ecsbluegreen.operator.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchmarkSettingsTest {

  private static BenchmarkSettings from(Map<String, String> properties) {
    return BenchmarkSettings.from(properties::get);
  }

  @Test
  void withNothingSetItRunsTwentyReleasesByPolling() {
    var settings = from(Map.of());

    assertThat(settings).isEqualTo(new BenchmarkSettings(20, false, 0, false));
    assertThat(settings.mode()).isEqualTo("polling");
    assertThat(settings.reportFileName()).isEqualTo("benchmark-20.md");
  }

  @Test
  void eventsModeSaysSoInTheHeaderAndTheFileName() {
    var settings = from(Map.of("benchmark.releases", "200", "benchmark.events", "true"));

    assertThat(settings.mode()).isEqualTo("events");
    assertThat(settings.reportFileName()).isEqualTo("benchmark-200-events.md");
  }

  @Test
  void aDropRateIsShownAsAPercentage() {
    var settings =
        from(
            Map.of(
                "benchmark.releases", "200",
                "benchmark.events", "true",
                "benchmark.eventDrops", "0.2"));

    assertThat(settings.eventDrops()).isEqualTo(0.2);
    assertThat(settings.mode()).isEqualTo("events with 20 % of them dropped");
    assertThat(settings.reportFileName()).isEqualTo("benchmark-200-events-drop20.md");
  }

  @Test
  void aZeroDropRateIsPlainEventsMode() {
    var settings = from(Map.of("benchmark.events", "true", "benchmark.eventDrops", "0"));

    assertThat(settings.reportFileName()).isEqualTo("benchmark-20-events.md");
  }

  @ParameterizedTest
  @CsvSource({
    "benchmark.releases, 0, '1 or more'",
    "benchmark.releases, -3, '1 or more'",
    "benchmark.releases, twenty, 'whole number'",
    "benchmark.events, yes, 'true or false'",
    "benchmark.eventDrops, 1, 'not including 1'",
    "benchmark.eventDrops, -0.1, 'from 0'",
    "benchmark.eventDrops, 20%, 'fraction of events'",
    "benchmark.eventDrops, NaN, 'fraction of events'",
  })
  void anInvalidValueStopsTheRunNamingTheProperty(String property, String value, String why) {
    var properties = new HashMap<String, String>();
    properties.put("benchmark.events", "true");
    properties.put(property, value);

    assertThatThrownBy(() -> from(properties))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(property + " must be")
        .hasMessageContaining(why)
        .hasMessageContaining("'" + value + "'");
  }

  @Test
  void dropsWithoutEventsStopTheRunRatherThanMeasurePollingUnderAnotherName() {
    assertThatThrownBy(() -> from(Map.of("benchmark.eventDrops", "0.2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("benchmark.eventDrops")
        .hasMessageContaining("-Dbenchmark.events=true");
  }
}
