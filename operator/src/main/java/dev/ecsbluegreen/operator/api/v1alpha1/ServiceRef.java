package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The ECS service a release deploys to. The operator never creates or deletes it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceRef(
    @Required @JsonPropertyDescription("ECS cluster name or ARN.") @Pattern(Patterns.ECS_CLUSTER)
        String cluster,
    @Required @JsonPropertyDescription("ECS service name.") @Pattern(Patterns.ECS_NAME)
        String name) {}
