package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * ECS's advancedConfiguration of the service's load balancer: the second target group and the
 * listener rules ECS moves between the two revisions, and the role it does that with.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EcsTrafficResources(
    @Required
        @JsonPropertyDescription(
            "ARN of the target group the new revision registers in (the service's own target group"
                + " serves the running one).")
        @Pattern(Patterns.TARGET_GROUP_ARN)
        String alternateTargetGroupArn,
    @Required
        @JsonPropertyDescription(
            "ARN of the production listener rule (Application Load Balancer) or listener (Network"
                + " Load Balancer) whose traffic ECS shifts.")
        @Pattern(Patterns.LISTENER_RULE_ARN)
        String productionListenerRule,
    @JsonPropertyDescription(
            "ARN of the test listener rule or listener that reaches the new revision before"
                + " production does; absent: no test traffic.")
        @Pattern(Patterns.LISTENER_RULE_ARN)
        String testListenerRule,
    @Required
        @JsonPropertyDescription(
            "IAM role ECS assumes to change the load balancer (the infrastructure role).")
        @Pattern(Patterns.IAM_ROLE_ARN)
        String roleArn) {}
