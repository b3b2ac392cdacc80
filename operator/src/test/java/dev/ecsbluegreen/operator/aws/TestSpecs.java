package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.api.v1alpha1.CodeDeploySpec;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenReleaseSpec;
import dev.ecsbluegreen.operator.api.v1alpha1.LoadBalancerTarget;
import dev.ecsbluegreen.operator.api.v1alpha1.ManagedDeploymentGroup;
import dev.ecsbluegreen.operator.api.v1alpha1.ServiceRef;
import dev.ecsbluegreen.operator.api.v1alpha1.TaskDefinitionSpec;
import dev.ecsbluegreen.operator.api.v1alpha1.TaskDefinitionTemplate;
import java.util.List;
import java.util.Map;

/** Release specs for the gateway and resolver tests: service prod/web, group web-app/web-dg. */
public final class TestSpecs {

  private TestSpecs() {}

  public static EcsBlueGreenReleaseSpec spec(TaskDefinitionSpec taskDefinition) {
    return spec(taskDefinition, null, Map.of());
  }

  public static EcsBlueGreenReleaseSpec spec(
      TaskDefinitionSpec taskDefinition, ManagedDeploymentGroup create, Map<String, String> hooks) {
    return new EcsBlueGreenReleaseSpec(
        null,
        new ServiceRef("prod", "web"),
        new CodeDeploySpec("web-app", "web-dg", null, null, create),
        null,
        taskDefinition,
        new LoadBalancerTarget("app", 8080),
        null,
        null,
        null,
        hooks,
        null,
        null,
        null,
        null);
  }

  /** A template spec changing container {@code app}. */
  public static TaskDefinitionSpec template(
      String from, String image, Map<String, String> environment) {
    return new TaskDefinitionSpec(
        null,
        new TaskDefinitionTemplate(
            from, List.of(new TaskDefinitionTemplate.ContainerChange("app", image, environment))),
        null);
  }
}
