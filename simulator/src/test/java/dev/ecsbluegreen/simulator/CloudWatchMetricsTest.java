package dev.ecsbluegreen.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsbluegreen.simulator.world.World;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * CloudWatch {@code GetMetricData} through the SDK's own client (Smithy RPC v2 CBOR): the load
 * balancer metrics of what the simulated target groups really answered, bucketed by the clock.
 */
class CloudWatchMetricsTest {

  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  private final SimulatorFixture f = new SimulatorFixture();
  private final HttpClient http = HttpClient.newHttpClient();
  private final CloudWatchClient cloudWatch =
      CloudWatchClient.builder()
          .endpointOverride(f.sim.endpoint())
          .region(Region.US_EAST_1)
          .credentialsProvider(SimulatorFixture.credentials("AKIDTEST"))
          .httpClient(UrlConnectionHttpClient.create())
          .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
          .build();

  @AfterEach
  void close() {
    cloudWatch.close();
    f.close();
  }

  @Test
  void aCanaryGreenThatAnswers5xxShowsInItsTargetGroupsErrorRatio() throws Exception {
    var options = new SimulatorFixture.GroupOptions();
    options.config = "CodeDeployDefault.ECSCanary10Percent5Minutes";
    f.createApplicationAndGroup(options);
    String bad = f.registerWebRevision(Map.of("SIM_ERROR_RATE", "1", "SIM_LATENCY_MS", "20"));
    String id = f.deployRevision(bad, Map.of());
    f.advance(Duration.ofSeconds(92));
    assertThat(f.greenWeight(id)).isEqualTo(10.0);

    var statuses = send(World.ListenerKind.PRODUCTION, 200);

    assertThat(statuses.stream().filter(s -> s == 500)).hasSize(20);
    var green = errorRatio("web-green");
    var blue = errorRatio("web-blue");
    assertThat(green.get(0).values()).containsExactly(20.0);
    assertThat(green.get(1).values()).containsExactly(100.0);
    assertThat(blue.get(0).values()).containsExactly(180.0);
    assertThat(blue.get(1).values()).as("no 5xx datapoint, filled with 0").containsExactly(0.0);
  }

  @Test
  void countsFallIntoTheMinuteTheClockShowedAndScanInEitherOrder() throws Exception {
    send(World.ListenerKind.PRODUCTION, 3);
    f.advanceMinutes(2);
    send(World.ListenerKind.PRODUCTION, 5);

    var descending = requestCount("web-blue", ScanBy.TIMESTAMP_DESCENDING);
    var ascending = requestCount("web-blue", ScanBy.TIMESTAMP_ASCENDING);

    assertThat(descending.timestamps()).containsExactly(START.plusSeconds(120), START);
    assertThat(descending.values()).containsExactly(5.0, 3.0);
    assertThat(descending.statusCode()).isEqualTo(StatusCode.COMPLETE);
    assertThat(descending.label()).isEqualTo("RequestCount");
    assertThat(ascending.values()).containsExactly(3.0, 5.0);
  }

  @Test
  void responseTimeComesFromTheTasksLatency() throws Exception {
    f.createApplicationAndGroup(new SimulatorFixture.GroupOptions());
    f.deployRevision(f.registerWebRevision(Map.of("SIM_LATENCY_MS", "30")), Map.of());
    f.advanceMinutes(3);
    send(World.ListenerKind.PRODUCTION, 4);

    var answer =
        get(
            stat("avg", "web-green", "TargetResponseTime", "Average", 300),
            stat("p99", "web-green", "TargetResponseTime", "p99", 300),
            stat("n", "web-green", "TargetResponseTime", "SampleCount", 300));

    assertThat(answer.metricDataResults())
        .extracting(MetricDataResult::values)
        .containsExactly(List.of(0.03), List.of(0.03), List.of(4.0));
  }

  @Test
  void aDimensionSetNoTargetGroupHasIsAnEmptyMetricNotAnError() throws Exception {
    send(World.ListenerKind.PRODUCTION, 2);
    var query =
        MetricDataQuery.builder()
            .id("m1")
            .metricStat(
                MetricStat.builder()
                    .metric(
                        Metric.builder()
                            .namespace("AWS/ApplicationELB")
                            .metricName("RequestCount")
                            .dimensions(
                                dimension("TargetGroup", "targetgroup/nope/0123456789abcdef"))
                            .build())
                    .period(60)
                    .stat("Sum")
                    .build())
            .build();

    var result = get(query).metricDataResults().get(0);

    assertThat(result.values()).isEmpty();
    assertThat(result.statusCode()).isEqualTo(StatusCode.COMPLETE);
  }

  @Test
  void findsATargetGroupWithItsLoadBalancerOrAllOfALoadBalancersGroups() throws Exception {
    send(World.ListenerKind.PRODUCTION, 3);
    String listener = f.sim.listenerArn("web-lb", World.ListenerKind.PRODUCTION);
    String loadBalancer =
        listener.substring(listener.indexOf("listener/") + 9, listener.lastIndexOf('/'));
    var targetGroup = stat("m1", "web-blue", "RequestCount", "Sum", 300);
    var withLoadBalancer =
        withDimensions(
            targetGroup.toBuilder().id("m2").build(),
            targetGroup.metricStat().metric().dimensions().get(0),
            dimension("LoadBalancer", loadBalancer));
    var wholeLoadBalancer =
        withDimensions(
            targetGroup.toBuilder().id("m3").build(), dimension("LoadBalancer", loadBalancer));
    var otherLoadBalancer =
        withDimensions(
            targetGroup.toBuilder().id("m4").build(),
            targetGroup.metricStat().metric().dimensions().get(0),
            dimension("LoadBalancer", "app/other-lb/0123456789abcdef"));

    var answer = get(targetGroup, withLoadBalancer, wholeLoadBalancer, otherLoadBalancer);

    assertThat(answer.metricDataResults())
        .extracting(MetricDataResult::values)
        .containsExactly(List.of(3.0), List.of(3.0), List.of(3.0), List.of());
  }

  @Test
  void refusesBadInputAsCloudWatchDoes() {
    var ok = stat("m1", "web-blue", "RequestCount", "Sum", 60);

    assertThatThrownBy(() -> get(ok.toBuilder().id(null).build()))
        .isInstanceOf(MissingRequiredParameterException.class)
        .hasMessageContaining("MetricDataQueries.member.1.Id");
    assertError(
        stat("m1", "web-blue", "RequestCount", "Sum", 30), "ValidationError", "multiple of 60");
    assertError(
        stat("m1", "web-blue", "RequestCount", "Median", 60),
        "ValidationError",
        "Median for parameter MetricDataQueries.member.1.MetricStat.Stat is not a valid statistic");
    assertError(
        List.of(ok, ok.toBuilder().build()), "ValidationError", "m1 for parameter", "not unique");
    assertError(
        List.of(ok, math("e1", "IF(m1 > 0, 1, 0)")),
        "ValidationError",
        "Error in expression 'e1'",
        "Unsupported function 'IF'");
    assertError(List.of(ok, math("e1", "m1 / m9")), "ValidationError", "Unrecognized", "'m9'");
    assertError(List.of(ok, math("e1", "m1 +")), "ValidationError", "Error in expression 'e1'");
    assertError(
        List.of(ok, math("e1", "e2 + m1"), math("e2", "e1 * 2")),
        "ValidationError",
        "Error in expression",
        "refers to itself");
    var tooMany =
        IntStream.rangeClosed(1, 501).mapToObj(i -> ok.toBuilder().id("m" + i).build()).toList();
    assertError(tooMany, "ValidationError", "greater than 500");
  }

  @Test
  void countsTheCallInTheCallLogAsCloudWatch() {
    get(stat("m1", "web-blue", "RequestCount", "Sum", 60));

    assertThat(f.sim.calls())
        .anySatisfy(
            call -> {
              assertThat(call.service()).isEqualTo("cloudwatch");
              assertThat(call.operation()).isEqualTo("GetMetricData");
              assertThat(call.outcome()).isEqualTo("OK");
            });
  }

  // ---- helpers ----

  private List<Integer> send(World.ListenerKind listener, int n) throws Exception {
    URI uri = f.sim.listenerUri("web-lb", listener).resolve("/orders");
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      statuses.add(
          http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
              .statusCode());
    }
    return statuses;
  }

  /** Requests and the 5xx share in percent, over five minutes from the start. */
  private List<MetricDataResult> errorRatio(String targetGroup) {
    return get(
            stat("requests", targetGroup, "RequestCount", "Sum", 300),
            stat("errors", targetGroup, "HTTPCode_Target_5XX_Count", "Sum", 300).toBuilder()
                .returnData(false)
                .build(),
            math("ratio", "FILL(errors, 0) / requests * 100"))
        .metricDataResults();
  }

  private MetricDataResult requestCount(String targetGroup, ScanBy scanBy) {
    return cloudWatch
        .getMetricData(
            r ->
                r.startTime(START)
                    .endTime(START.plus(Duration.ofMinutes(5)))
                    .scanBy(scanBy)
                    .metricDataQueries(stat("m1", targetGroup, "RequestCount", "Sum", 60)))
        .metricDataResults()
        .get(0);
  }

  private GetMetricDataResponse get(MetricDataQuery... queries) {
    return get(List.of(queries));
  }

  private GetMetricDataResponse get(List<MetricDataQuery> queries) {
    return cloudWatch.getMetricData(
        r ->
            r.startTime(START)
                .endTime(START.plus(Duration.ofMinutes(5)))
                .metricDataQueries(queries));
  }

  private void assertError(MetricDataQuery query, String code, String... messageParts) {
    assertError(List.of(query), code, messageParts);
  }

  private void assertError(List<MetricDataQuery> queries, String code, String... messageParts) {
    assertThatThrownBy(() -> get(queries))
        .isInstanceOfSatisfying(
            CloudWatchException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorMessage()).contains(messageParts);
            });
  }

  private MetricDataQuery stat(
      String id, String targetGroup, String metric, String statistic, int period) {
    String arn = f.sim.targetGroupArn(targetGroup);
    return MetricDataQuery.builder()
        .id(id)
        .metricStat(
            MetricStat.builder()
                .metric(
                    Metric.builder()
                        .namespace("AWS/ApplicationELB")
                        .metricName(metric)
                        .dimensions(
                            dimension("TargetGroup", arn.substring(arn.lastIndexOf(':') + 1)))
                        .build())
                .period(period)
                .stat(statistic)
                .build())
        .build();
  }

  private static MetricDataQuery withDimensions(MetricDataQuery query, Dimension... dimensions) {
    var stat = query.metricStat();
    return query.toBuilder()
        .metricStat(
            stat.toBuilder()
                .metric(stat.metric().toBuilder().dimensions(dimensions).build())
                .build())
        .build();
  }

  private static MetricDataQuery math(String id, String expression) {
    return MetricDataQuery.builder().id(id).expression(expression).build();
  }

  private static Dimension dimension(String name, String value) {
    return Dimension.builder().name(name).value(value).build();
  }
}
