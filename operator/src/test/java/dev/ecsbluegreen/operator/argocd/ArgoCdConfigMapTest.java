package dev.ecsbluegreen.operator.argocd;

import static dev.ecsbluegreen.operator.argocd.ArgoCdScripts.ACTIONS;
import static dev.ecsbluegreen.operator.argocd.ArgoCdScripts.EXAMPLES;
import static dev.ecsbluegreen.operator.argocd.ArgoCdScripts.YAML;
import static dev.ecsbluegreen.operator.argocd.ArgoCdScripts.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The argocd-cm snippet users paste carries exactly the scripts the other tests run. */
class ArgoCdConfigMapTest {
  static final String HEALTH_KEY =
      "resource.customizations.health.ecs.bluegreen.dev_EcsBlueGreenRelease";
  static final String ACTIONS_KEY =
      "resource.customizations.actions.ecs.bluegreen.dev_EcsBlueGreenRelease";

  static JsonNode data;

  @BeforeAll
  static void readConfigMap() {
    var configMap = ArgoCdScripts.yaml(EXAMPLES.resolve("argocd-cm.yaml"));
    assertThat(configMap.path("kind").asText()).isEqualTo("ConfigMap");
    assertThat(configMap.path("metadata").path("name").asText()).isEqualTo("argocd-cm");
    data = configMap.path("data");
  }

  @Test
  void healthCustomizationIsHealthLua() {
    assertThat(data.path(HEALTH_KEY).asText()).isEqualTo(read(ArgoCdScripts.HEALTH));
  }

  @Test
  void actionsCustomizationHasDiscoveryLuaAndEveryActionLuaInOrder() throws IOException {
    var actions = YAML.readTree(data.path(ACTIONS_KEY).asText());

    assertThat(actions.path("discovery.lua").asText()).isEqualTo(read(ArgoCdScripts.DISCOVERY));
    var names = new ArrayList<String>();
    for (JsonNode definition : actions.path("definitions")) {
      var name = definition.path("name").asText();
      names.add(name);
      assertThat(definition.path("action.lua").asText())
          .as("action.lua of %s", name)
          .isEqualTo(read(ArgoCdScripts.action(name)));
    }
    assertThat(names).isEqualTo(ACTIONS);
  }
}
