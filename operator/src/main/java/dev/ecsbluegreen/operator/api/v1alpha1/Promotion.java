package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Whether production traffic moves on its own or waits for the promote annotation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Promotion(
    @JsonPropertyDescription(
            "Auto: production traffic moves as soon as green is ready. Manual: the release waits in"
                + " AwaitingPromotion until annotated ecs.bluegreen.dev/promote (with codeDeploy,"
                + " the deployment group's ready option must be STOP_DEPLOYMENT; with ecs, the"
                + " operator adds a PAUSE hook at PRE_PRODUCTION_TRAFFIC_SHIFT).")
        @Default("Auto")
        PromotionMode mode) {

  public Promotion {
    mode = mode == null ? PromotionMode.Auto : mode;
  }

  /** Promotion modes. */
  public enum PromotionMode {
    Auto,
    Manual
  }
}
