package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * A run of a prometheus check: one instant PromQL query whose single value must lie within the
 * threshold range.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PrometheusCheck(
    @Required
        @JsonPropertyDescription(
            "Base URL of the Prometheus HTTP API (Prometheus, Thanos, Mimir, VictoriaMetrics...),"
                + " e.g. http://prometheus.monitoring:9090; the query goes to"
                + " <url>/api/v1/query. http:// or https://, at most 2048 characters.")
        @Pattern(Patterns.HTTP_URL)
        @Size(max = Limits.CHECK_URL_LENGTH)
        String url,
    @Required
        @JsonPropertyDescription(
            "Instant PromQL query that yields exactly one value: a scalar or a vector of one"
                + " series (aggregate with sum, max or avg). No series is inconclusive, several"
                + " are inconclusive too. At most 4096 characters.")
        @Size(min = 1, max = Limits.PROMQL_QUERY_LENGTH)
        String query,
    @Required
        @JsonPropertyDescription(
            "The range the value must lie in for the run to pass; outside it the run fails.")
        ThresholdRange thresholdRange,
    @JsonPropertyDescription(
            "Optional: a Secret in the release's namespace whose key holds a bearer token sent"
                + " with the query. Reading it needs the chart value"
                + " analysis.prometheus.readTokenSecrets=true.")
        SecretKeyRef tokenSecretRef) {}
