package dev.ecsbluegreen.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.operator.api.v1alpha1.TrafficRouting;
import dev.ecsbluegreen.operator.api.v1alpha1.TrafficRouting.TrafficRoutingType;
import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import dev.ecsbluegreen.simulator.world.World;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The CloudWatch gateway against the simulator: a canary whose green answers 5xx shows a 5xx ratio
 * of 100 % in green's target group and none in blue's, read through GetMetricData.
 */
class AwsMetricsGatewayIT {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final SimulatedAwsFixture f = new SimulatedAwsFixture();
  private final MetricsGateway metrics = f.aws.metrics();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void readsTheFiveXxRatioOfAGreenThatServedErrorsMidCanary() throws Exception {
    startCanaryOfAGreenThatFails();
    assertThat(sendProductionRequests(100)).isEqualTo(20);

    var green = metrics.evaluate(errorRatio("web-green"));
    var blue = metrics.evaluate(errorRatio("web-blue"));

    assertThat(green.lastValue()).contains(100.0);
    assertThat(blue.lastValue()).contains(0.0);
    assertThat(green.datapoints()).hasSize(1);
    assertThat(f.sim.calls())
        .filteredOn(call -> call.operation().equals("GetMetricData"))
        .hasSize(2)
        .allSatisfy(call -> assertThat(call.service()).isEqualTo("cloudwatch"));
  }

  @Test
  void aWindowWithoutTrafficHasNoDatapointsRatherThanAZero() {
    var series = metrics.evaluate(errorRatio("web-green"));

    assertThat(series.datapoints()).isEmpty();
    assertThat(series.lastValue()).isEmpty();
  }

  @Test
  void anExpressionCloudWatchRefusesIsInvalidAndNamesTheExpression() {
    var stat = requests("web-green");
    var query =
        new MetricQuery(
            now().minus(MINUTE.multipliedBy(5)),
            now(),
            List.of(stat, MetricQuery.Term.expression("ratio", "IF(requests > 0, 1, 0)")),
            "ratio");

    assertThatThrownBy(() -> metrics.evaluate(query))
        .isInstanceOf(InvalidReleaseException.class)
        .hasMessageContaining("GetMetricData")
        .hasMessageContaining("ValidationError")
        .hasMessageContaining("Error in expression 'ratio'");
  }

  @Test
  void refusesATargetGroupDimensionFromSomethingElseThanATargetGroupArn() {
    assertThatThrownBy(
            () ->
                MetricQuery.Stat.ofTargetGroup(
                    f.productionListener(), "RequestCount", MINUTE, "Sum"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Not an Elastic Load Balancing target group ARN");
  }

  private void startCanaryOfAGreenThatFails() {
    f.createGroup(f.group(30, "CONTINUE_DEPLOYMENT", null));
    var codeDeploy = f.aws.codeDeploy();
    String config =
        codeDeploy.ensureDeploymentConfig(
            new TrafficRouting(TrafficRoutingType.TimeBasedCanary, 20, 5));
    String content =
        """
        {"version":0.0,"Resources":[{"TargetService":{"Type":"AWS::ECS::Service",\
        "Properties":{"TaskDefinition":"%s","LoadBalancerInfo":\
        {"ContainerName":"app","ContainerPort":8080}}}}]}"""
            .formatted(failingRevision());
    codeDeploy.createDeployment(
        new DeploymentRequest(
            SimulatedAwsFixture.APP,
            SimulatedAwsFixture.GROUP,
            config,
            new AppSpec(content, AppSpecRenderer.sha256(content)),
            "failing green",
            true,
            false,
            List.of()));
    f.advanceMinutes(2);
  }

  private String failingRevision() {
    var form = f.aws.ecs().describeTaskDefinition("web").registerForm().deepCopy();
    ((ObjectNode) form.get("containerDefinitions").get(0))
        .putArray("environment")
        .addObject()
        .put("name", "SIM_ERROR_RATE")
        .put("value", "1");
    return f.aws.ecs().registerTaskDefinition(form, Map.of());
  }

  /** Sends requests through the production listener; returns how many answered 5xx. */
  private int sendProductionRequests(int n) throws Exception {
    var http = HttpClient.newHttpClient();
    var uri = f.sim.listenerUri("web-lb", World.ListenerKind.PRODUCTION);
    int errors = 0;
    for (int i = 0; i < n; i++) {
      var response =
          http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() >= 500) {
        errors++;
      }
    }
    return errors;
  }

  private MetricQuery errorRatio(String targetGroup) {
    var errors =
        MetricQuery.Term.metric(
            "errors",
            MetricQuery.Stat.ofTargetGroup(
                f.sim.targetGroupArn(targetGroup), "HTTPCode_Target_5XX_Count", MINUTE, "Sum"));
    return new MetricQuery(
        now().minus(MINUTE.multipliedBy(5)),
        now().plus(MINUTE),
        List.of(
            requests(targetGroup),
            errors,
            MetricQuery.Term.expression("ratio", "FILL(errors, 0) / requests * 100")),
        "ratio");
  }

  private MetricQuery.Term requests(String targetGroup) {
    return MetricQuery.Term.metric(
        "requests",
        MetricQuery.Stat.ofTargetGroup(
            f.sim.targetGroupArn(targetGroup), "RequestCount", MINUTE, "Sum"));
  }

  private Instant now() {
    return f.clock.now();
  }
}
