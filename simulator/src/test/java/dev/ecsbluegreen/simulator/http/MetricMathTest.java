package dev.ecsbluegreen.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The metric math the simulator evaluates, and the statistics it reduces samples with. */
class MetricMathTest {

  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);
  private static final Instant T2 = T0.plusSeconds(120);

  private final Map<String, MetricMath.Series> series =
      Map.of(
          "requests", series(Map.of(T0, 10.0, T1, 0.0, T2, 4.0)),
          "errors", series(Map.of(T0, 5.0)));
  private final MetricMath.Scope scope = new MetricMath.Scope(series::get, List.of(T0, T1, T2));

  @Test
  void multiplicationBindsTighterThanAdditionAndParenthesesOverrideIt() {
    assertThat(points("errors + 1 * 2")).containsExactly(Map.entry(T0, 7.0));
    assertThat(points("(errors + 1) * 2")).containsExactly(Map.entry(T0, 12.0));
    assertThat(points("-errors + 10")).containsExactly(Map.entry(T0, 5.0));
  }

  @Test
  void seriesCombineOnlyWhereBothHaveADatapointAndDivisionByZeroIsLeftOut() {
    assertThat(points("errors / requests")).containsExactly(Map.entry(T0, 0.5));
    assertThat(points("FILL(errors, 0) / requests"))
        .containsExactly(Map.entry(T0, 0.5), Map.entry(T2, 0.0));
  }

  @Test
  void fillPutsTheNumberInEveryEmptyPeriodOfTheWindow() {
    assertThat(points("FILL(errors, -1)"))
        .containsExactly(Map.entry(T0, 5.0), Map.entry(T1, -1.0), Map.entry(T2, -1.0));
  }

  @Test
  void refusesWhatItDoesNotEvaluate() {
    assertThatThrownBy(() -> MetricMath.parse("SUM([requests, errors])"))
        .hasMessage("Unsupported function 'SUM'");
    assertThatThrownBy(() -> MetricMath.parse("requests >= 1"))
        .hasMessage("Unexpected '>' at position 9");
    assertThatThrownBy(() -> MetricMath.parse("Requests"))
        .hasMessage("Unrecognized token 'Requests'");
    assertThatThrownBy(() -> MetricMath.parse("FILL(errors)")).hasMessageContaining("Expected ','");
    assertThatThrownBy(() -> MetricMath.parse("(requests")).hasMessageContaining("Expected ')'");
  }

  @Test
  void percentilesTakeTheNearestRankAndAveragesWeighEachSample() {
    var samples = new TreeMap<Double, Long>(Map.of(0.01, 99L, 0.5, 1L));

    assertThat(Statistic.parse("p99").orElseThrow().of(samples)).isEqualTo(0.01);
    assertThat(Statistic.parse("p99.5").orElseThrow().of(samples)).isEqualTo(0.5);
    assertThat(Statistic.parse("Average").orElseThrow().of(samples)).isEqualTo(0.0149);
    assertThat(Statistic.parse("SampleCount").orElseThrow().of(samples)).isEqualTo(100.0);
    assertThat(Statistic.parse("Maximum").orElseThrow().of(samples)).isEqualTo(0.5);
    assertThat(Statistic.parse("p101")).isEmpty();
    assertThat(Statistic.parse("tm99")).isEmpty();
  }

  private Map<Instant, Double> points(String expression) {
    var value = MetricMath.parse(expression).evaluate(scope);
    assertThat(value).isInstanceOf(MetricMath.Series.class);
    return ((MetricMath.Series) value).points();
  }

  private static MetricMath.Series series(Map<Instant, Double> points) {
    return new MetricMath.Series(new TreeMap<>(points));
  }
}
