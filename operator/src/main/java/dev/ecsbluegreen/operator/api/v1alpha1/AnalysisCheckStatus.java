package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ecsbluegreen.operator.api.v1alpha1.AnalysisCheck.AnalysisPhase;

/**
 * The progress of one analysis check against one deployment. It is the only record of the runs so
 * far: after a restart the operator resumes counting from here.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AnalysisCheckStatus(
    @JsonPropertyDescription("The check's name in spec.analysis.") String name,
    @JsonPropertyDescription("When the check runs: TestTraffic or ShiftingTraffic.")
        AnalysisPhase phase,
    @JsonPropertyDescription("The deployment the check measures.") String deploymentId,
    @JsonPropertyDescription(
            "Running until the check passed count runs (Passed) or failed failureLimit runs"
                + " (Failed). A ShiftingTraffic check still Running when the shift ends is"
                + " decided from the runs it had: Passed if one passed, Inconclusive if none did.")
        Verdict verdict,
    @JsonPropertyDescription("Runs so far: passed, failed and inconclusive ones.") Integer runs,
    @JsonPropertyDescription("Runs that failed.") Integer failures,
    @JsonPropertyDescription(
            "Runs that measured nothing (the target could not be reached); they never pass.")
        Integer inconclusive,
    @JsonPropertyDescription("What the last run measured, e.g. 9/10 good.") String lastValue,
    @JsonPropertyDescription("The last run's result in a sentence.") String lastMessage,
    @JsonPropertyDescription("When the check started waiting for its first run (RFC 3339).")
        String startedAt,
    @JsonPropertyDescription("When the last run ended (RFC 3339).") String lastRunAt) {

  /** Runs that passed. */
  public int passes() {
    return runs - failures - inconclusive;
  }

  /** A check's verdict so far. */
  public enum Verdict {
    Running,
    Passed,
    Failed,
    /** The phase ended before the check measured a single pass; it decided nothing. */
    Inconclusive
  }
}
