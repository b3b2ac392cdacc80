package dev.ecsbluegreen.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.operator.admission.AdmissionValidator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The admission harness behaves like the API server where users notice: unknown fields vanish
 * instead of failing, defaults are filled in before the rules run, a rule on an absent field does
 * not run, and breaking a valid release on purpose turns it invalid.
 */
class AdmissionValidatorTest {
  private static final AdmissionValidator VALIDATOR = AdmissionValidator.forGeneratedCrd();

  private static ObjectNode checkoutApi() {
    return Manifests.read(Manifests.EXAMPLES.resolve("checkout-api.yaml"));
  }

  private static ObjectNode spec(ObjectNode release) {
    return (ObjectNode) release.get("spec");
  }

  @Test
  void brokenCopyOfAValidExampleIsRejected() {
    ObjectNode release = checkoutApi();
    assertThat(VALIDATOR.admit(release).errors()).isEmpty();

    spec(release)
        .withObjectProperty("codeDeploy")
        .putObject("trafficRouting")
        .put("type", "AllAtOnce");

    assertThat(VALIDATOR.admit(release).errors())
        .containsExactly(
            "spec.codeDeploy: Invalid value: \"object\": set deploymentConfig or trafficRouting,"
                + " not both");
  }

  @Test
  void ecsReleaseIsAdmittedWithEcsDefaultsAndItsHookDetailsAsWritten() {
    ObjectNode release = checkoutApi();
    spec(release).remove(List.of("codeDeploy", "hooks"));
    var ecs = spec(release).putObject("ecs");
    ecs.put("strategy", "Linear").putObject("linear");
    var hook = ecs.putArray("hooks").addObject();
    hook.put("targetArn", "arn:aws:lambda:us-east-1:123456789012:function:checkout-smoke-test")
        .put("roleArn", "arn:aws:iam::123456789012:role/ecs-hooks")
        .putArray("stages")
        .add("POST_TEST_TRAFFIC_SHIFT");
    hook.putObject("details").put("path", "/health").putObject("expect").put("status", 200);

    var admission = VALIDATOR.admit(release);

    assertThat(admission.errors()).isEmpty();
    assertThat(admission.pruned()).isEmpty();
    var admitted = admission.object().path("spec").path("ecs");
    assertThat(admitted.path("linear").path("stepPercent").asDouble()).isEqualTo(10.0);
    assertThat(admitted.path("linear").path("stepBakeMinutes").asInt()).isEqualTo(6);
    var admittedHook = admitted.path("hooks").get(0);
    assertThat(admittedHook.path("timeoutMinutes").asInt()).isEqualTo(1440);
    assertThat(admittedHook.path("timeoutAction").asText()).isEqualTo("Rollback");
    assertThat(admittedHook.path("details").path("expect").path("status").asInt()).isEqualTo(200);
  }

  @Test
  void unknownSpecFieldIsPrunedNotRejected() {
    ObjectNode release = checkoutApi();
    spec(release).put("foo", "bar");
    spec(release).withObjectProperty("service").put("region", "us-west-2");

    var admission = VALIDATOR.admit(release);

    assertThat(admission.errors()).isEmpty();
    assertThat(admission.pruned()).containsExactlyInAnyOrder("spec.foo", "spec.service.region");
    assertThat(admission.object().path("spec").has("foo")).isFalse();
  }

  @Test
  void unknownFieldsOfAnInlineTaskDefinitionAreKept() {
    ObjectNode release = Manifests.read(Manifests.EXAMPLES.resolve("orders-api-inline.yaml"));
    var inline = spec(release).withObjectProperty("taskDefinition").withObjectProperty("inline");
    inline.putObject("volumes");
    ((ObjectNode) inline.withArrayProperty("containerDefinitions").get(0)).put("stopTimeout", 30);

    var admission = VALIDATOR.admit(release);

    assertThat(admission.errors()).isEmpty();
    assertThat(admission.pruned()).isEmpty();
    assertThat(
            admission.object().at("/spec/taskDefinition/inline/ephemeralStorage/sizeInGiB").asInt())
        .isEqualTo(30);
  }

  @Test
  void defaultsAreFilledInBeforeTheRulesRun() {
    ObjectNode release = checkoutApi();
    spec(release).putObject("promotion");
    spec(release).putObject("rollback");

    var admission = VALIDATOR.admit(release);

    assertThat(admission.errors()).isEmpty();
    assertThat(admission.object().at("/spec/deletionPolicy").asText()).isEqualTo("StopDeployment");
    assertThat(admission.object().at("/spec/promotion/mode").asText()).isEqualTo("Auto");
    assertThat(admission.object().at("/spec/rollback/onDeploymentFailure").asBoolean()).isTrue();
    assertThat(admission.object().at("/spec/rollback/onAlarm").isBoolean()).isTrue();
  }

  @Test
  void defaultedOnAlarmFalseStillFailsTheAlarmsRule() {
    ObjectNode release = checkoutApi();
    spec(release).putObject("rollback").putArray("alarms").add("checkout-5xx");

    assertThat(VALIDATOR.admit(release).errors())
        .containsExactly(
            "spec.rollback: Invalid value: \"object\": alarms are watched only with onAlarm: true");
  }

  @Test
  void ruleOfAnAbsentObjectDoesNotRun() {
    // trafficRouting's rules would reject an empty object; absent, they are not evaluated.
    ObjectNode release = checkoutApi();
    assertThat(release.at("/spec/codeDeploy").has("trafficRouting")).isFalse();

    assertThat(VALIDATOR.admit(release).errors()).isEmpty();
  }

  @Test
  void ruleRunsOnEveryElementOfAList() {
    ObjectNode release = checkoutApi();
    var containers =
        spec(release)
            .withObjectProperty("taskDefinition")
            .withObjectProperty("template")
            .withArrayProperty("containers");
    containers.addObject().put("name", "sidecar");

    assertThat(VALIDATOR.admit(release).errors())
        .containsExactly(
            "spec.taskDefinition.template.containers[1]: Invalid value: \"object\": give the"
                + " container a new image, environment, or both");
  }

  @Test
  void schemaAndRuleErrorsAreReportedTogether() {
    ObjectNode release = checkoutApi();
    spec(release).withObjectProperty("loadBalancer").put("containerPort", 0);
    spec(release)
        .withObjectProperty("taskDefinition")
        .put("arn", "arn:aws:ecs:us-east-1:123456789012:task-definition/checkout-api:7");

    assertThat(VALIDATOR.admit(release).errors())
        .containsExactlyInAnyOrder(
            "spec.loadBalancer.containerPort: Invalid value: 0: spec.loadBalancer.containerPort in"
                + " body should be greater than or equal to 1",
            "spec.taskDefinition: Invalid value: \"object\": set exactly one of arn, template or"
                + " inline");
  }
}
