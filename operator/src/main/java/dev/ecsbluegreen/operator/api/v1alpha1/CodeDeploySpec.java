package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Everything specific to the CodeDeploy engine; another engine would sit beside it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!(has(self.deploymentConfig) && has(self.trafficRouting))",
    message = "set deploymentConfig or trafficRouting, not both")
public record CodeDeploySpec(
    @Required
        @JsonPropertyDescription("CodeDeploy application name (compute platform ECS).")
        @Pattern(Patterns.CODEDEPLOY_NAME)
        String application,
    @Required
        @JsonPropertyDescription("CodeDeploy deployment group of the ECS service.")
        @Pattern(Patterns.CODEDEPLOY_NAME)
        String deploymentGroup,
    @JsonPropertyDescription(
            "Name of a CodeDeploy deployment configuration, e.g."
                + " CodeDeployDefault.ECSCanary10Percent5Minutes. When neither this nor"
                + " trafficRouting is set, the deployment group's own configuration applies"
                + " (CodeDeployDefault.ECSAllAtOnce for a group the operator creates);"
                + " status.deploymentConfig shows the one in effect.")
        @Pattern(Patterns.CODEDEPLOY_NAME)
        String deploymentConfig,
    @JsonPropertyDescription(
            "Traffic shifting described inline instead of deploymentConfig; the operator ensures a"
                + " matching custom deployment configuration exists.")
        TrafficRouting trafficRouting,
    @JsonPropertyDescription(
            "When set, the operator creates the application and deployment group if missing and keeps"
                + " the group in this shape.")
        ManagedDeploymentGroup create) {

  /**
   * The predefined all-at-once configuration: what a deployment group the operator creates starts
   * with, and what trafficRouting AllAtOnce names. A release naming no configuration sends none.
   */
  public static final String DEFAULT_DEPLOYMENT_CONFIG = "CodeDeployDefault.ECSAllAtOnce";
}
