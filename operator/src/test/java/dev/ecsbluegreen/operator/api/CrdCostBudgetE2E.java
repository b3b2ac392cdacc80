package dev.ecsbluegreen.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.operator.admission.AdmissionValidator;
import dev.ecsbluegreen.operator.fixtures.OnRealApiServer;
import dev.ecsbluegreen.operator.fixtures.RealApiServer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps room in the CEL cost budget for rules still to come. kube-apiserver estimates each rule's
 * worst case from the maxItems, maxLength and maxProperties of what it reads, refuses a rule over
 * 10,000,000 and a schema whose rules add up to over 100,000,000, and says by how much only when it
 * refuses. So a copy of the CRD, under another name, has every rule made 100 times as expensive
 * (run inside two nested loops of 10); the server must still accept that copy, which leaves each
 * rule and the whole schema 99% of their budget free.
 */
@OnRealApiServer
class CrdCostBudgetE2E {
  private static final String TEN = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]";

  @Test
  void everyRuleAndTheirTotalFitTheBudgetAHundredTimesOver() throws IOException {
    var copy = costlierCopy(2);

    assertThatCode(() -> dryRunCreate(copy))
        .as("a copy of the CRD whose rules each cost 100 times as much")
        .doesNotThrowAnyException();
  }

  @Test
  void serverRefusesTheCopyWhenRulesCostAHundredThousandTimesAsMuch() throws IOException {
    // Shows the check above can fail: the same copy, made another 1000 times costlier.
    var copy = costlierCopy(5);

    var refusal = catchThrowableOfType(KubernetesClientException.class, () -> dryRunCreate(copy));

    assertThat(refusal).isNotNull();
    assertThat(refusal.getMessage()).contains("estimated rule cost exceeds budget");
  }

  private static void dryRunCreate(CustomResourceDefinition crd) {
    RealApiServer.get().admin().resource(crd).dryRun().create();
  }

  /** The installed CRD under another group, with each rule run 10^loops times. */
  private static CustomResourceDefinition costlierCopy(int loops) throws IOException {
    var crd = (ObjectNode) AdmissionValidator.YAML.readTree(RealApiServer.crdFile().toFile());
    crd.withObjectProperty("metadata").put("name", "costprobes.costprobe.ecs.bluegreen.dev");
    var spec = crd.withObjectProperty("spec");
    spec.put("group", "costprobe.ecs.bluegreen.dev");
    spec.putObject("names")
        .put("kind", "CostProbe")
        .put("plural", "costprobes")
        .put("singular", "costprobe");
    int rules = repeat(spec.path("versions").get(0).path("schema").path("openAPIV3Schema"), loops);
    assertThat(rules).as("rules found in the CRD").isGreaterThanOrEqualTo(15);
    return AdmissionValidator.YAML.treeToValue(crd, CustomResourceDefinition.class);
  }

  private static int repeat(JsonNode schema, int loops) {
    int count = 0;
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      String expression = rule.path("rule").asText();
      for (int loop = 0; loop < loops; loop++) {
        expression = TEN + ".all(costLoop" + loop + ", " + expression + ")";
      }
      ((ObjectNode) rule).put("rule", expression);
      count++;
    }
    for (JsonNode child : children(schema)) {
      count += repeat(child, loops);
    }
    return count;
  }

  private static List<JsonNode> children(JsonNode schema) {
    var children = new ArrayList<JsonNode>();
    schema.path("properties").forEach(children::add);
    if (schema.has("items")) {
      children.add(schema.get("items"));
    }
    if (schema.path("additionalProperties").isObject()) {
      children.add(schema.get("additionalProperties"));
    }
    return children;
  }
}
