package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** The AWS region and, for cross-account releases, the IAM role the operator assumes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AwsTarget(
    @JsonPropertyDescription(
            "AWS region of the service, e.g. us-east-1. Default: the operator's region.")
        @Pattern(Patterns.REGION)
        String region,
    @JsonPropertyDescription(
            "IAM role the operator assumes with STS for this release (cross-account). Default: the"
                + " operator's own credentials.")
        @Pattern(Patterns.IAM_ROLE_ARN)
        String roleArn,
    @JsonPropertyDescription("External ID the role's trust policy requires, if any.")
        @Size(min = 2, max = 1224)
        String externalId) {}
