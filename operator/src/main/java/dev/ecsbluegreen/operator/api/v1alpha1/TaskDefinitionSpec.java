package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** The task definition to release, given in exactly one of three ways. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "[has(self.arn), has(self.template), has(self.inline)].filter(x, x).size() == 1",
    message = "set exactly one of arn, template or inline")
public record TaskDefinitionSpec(
    @JsonPropertyDescription("An existing task definition revision ARN, released as it is.")
        @Pattern(Patterns.TASK_DEFINITION_ARN)
        String arn,
    @JsonPropertyDescription(
            "A base revision with new images or environment for some of its containers; the operator"
                + " registers the result as a new revision when it differs.")
        TaskDefinitionTemplate template,
    @JsonPropertyDescription(
            "A complete task definition in ECS RegisterTaskDefinition form; fields not listed here are"
                + " passed to ECS unchanged.")
        InlineTaskDefinition inline) {}
