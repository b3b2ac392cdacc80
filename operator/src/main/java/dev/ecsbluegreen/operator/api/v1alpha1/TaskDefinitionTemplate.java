package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** A base task definition revision with per-container changes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.containers.all(c, self.containers.exists_one(d, d.name == c.name))",
    message = "each container name may appear only once")
public record TaskDefinitionTemplate(
    @JsonPropertyDescription(
            "Base revision: a family (its newest revision), family:revision, or a revision ARN."
                + " Default: the revision the service runs now.")
        @Pattern(Patterns.TASK_DEFINITION_REF)
        String from,
    @Required
        @JsonPropertyDescription(
            "Containers of the base to change (at most 10); the others are kept as they are.")
        @Size(min = 1, max = Limits.CONTAINERS_PER_TASK_DEFINITION)
        List<ContainerChange> containers) {

  public TaskDefinitionTemplate {
    containers = containers == null ? null : List.copyOf(containers);
  }

  /** New image and/or environment for one container of the base revision. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ValidationRule(
      value = "has(self.image) || has(self.environment)",
      message = "give the container a new image, environment, or both")
  public record ContainerChange(
      @Required
          @JsonPropertyDescription("Name of a container of the base revision.")
          @Pattern(Patterns.ECS_NAME)
          @Size(max = Limits.CONTAINER_NAME_LENGTH)
          String name,
      @JsonPropertyDescription(
              "New image, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:2.4.1: up to 255"
                  + " characters, then optionally @sha256:<64 hex digits>.")
          @Pattern(Patterns.IMAGE)
          @Size(max = Limits.IMAGE_WITH_DIGEST_LENGTH)
          String image,
      @JsonPropertyDescription(
              "Environment variables set on the container; variables not named here are kept.")
          Map<String, String> environment) {

    public ContainerChange {
      environment = environment == null ? null : Map.copyOf(environment);
    }
  }
}
