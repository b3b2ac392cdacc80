package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A metric dimension: a value written out, or one the operator takes from the release's deployment
 * (green's target group), which changes from one deployment to the next.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.value) != has(self.valueFrom)",
    message = "a dimension needs exactly one of value and valueFrom")
public record MetricDimension(
    @Required
        @JsonPropertyDescription("The dimension's name, e.g. TargetGroup.")
        @Size(min = 1, max = 255)
        String name,
    @JsonPropertyDescription("The dimension's value, written out.") @Size(min = 1, max = 1024)
        String value,
    @JsonPropertyDescription(
            "Where the value comes from instead. GreenTargetGroup: the target group green's task"
                + " set serves from in this deployment, as the TargetGroup dimension of"
                + " AWS/ApplicationELB names it (targetgroup/<name>/<id>).")
        DimensionSource valueFrom) {

  /** A dimension value the operator knows from the release's deployment. */
  public enum DimensionSource {
    GreenTargetGroup
  }
}
