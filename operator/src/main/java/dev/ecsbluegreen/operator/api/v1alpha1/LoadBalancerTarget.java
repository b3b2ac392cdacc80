package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * The container and port behind the deployment group's target groups (AppSpec LoadBalancerInfo).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoadBalancerTarget(
    @Required
        @JsonPropertyDescription("Container that receives load balancer traffic.")
        @Pattern(Patterns.ECS_NAME)
        String containerName,
    @Required @JsonPropertyDescription("Its port, 1 to 65535.") @Min(1) @Max(65535)
        Integer containerPort) {}
