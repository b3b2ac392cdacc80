package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A key of a Secret in the release's own namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretKeyRef(
    @Required
        @JsonPropertyDescription("Name of the Secret, in the release's namespace.")
        @Pattern(Patterns.DNS_SUBDOMAIN)
        @Size(max = 253)
        String name,
    @Required
        @JsonPropertyDescription("Key in the Secret's data whose value is the token.")
        @Pattern(Patterns.SECRET_KEY)
        @Size(max = 253)
        String key) {}
