package dev.ecsbluegreen.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Does offline what the API server does when an EcsBlueGreenRelease is created: prune unknown
 * fields, apply schema defaults, validate against the CRD's openAPIV3Schema, then evaluate the CEL
 * {@code x-kubernetes-validations} rules. It reads the CRD the build generated, so the tests check
 * what users install and the embedded API refuses what a cluster would; errors come in the API
 * server's shape: {@code <field path>: <message>}.
 */
public final class AdmissionValidator {
  /** The CRD the build generates from the API types, as the jar packages it. */
  public static final String GENERATED_CRD =
      "/META-INF/fabric8/ecsbluegreenreleases.ecs.bluegreen.dev-v1.yml";

  public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static final String RULES_NOT_CHECKED =
      "<nil>: Invalid value: \"null\": some validation rules were not checked because the object"
          + " was invalid; correct the existing errors to complete validation";

  private final JsonNode schema;
  private final SchemaErrors schemaErrors;
  private final CelRules celRules;

  public AdmissionValidator(JsonNode openApiV3Schema) {
    this.schema = openApiV3Schema;
    this.schemaErrors = new SchemaErrors(openApiV3Schema);
    this.celRules = new CelRules();
    celRules.compileAll(openApiV3Schema);
  }

  /**
   * The validator for the CRD the build generated from the API types, made once: building it
   * compiles every CEL rule.
   */
  public static AdmissionValidator forGeneratedCrd() {
    return Generated.VALIDATOR;
  }

  private static final class Generated {
    static final AdmissionValidator VALIDATOR = load();
  }

  private static AdmissionValidator load() {
    try (InputStream in = AdmissionValidator.class.getResourceAsStream(GENERATED_CRD)) {
      if (in == null) {
        throw new IllegalStateException(GENERATED_CRD + " is not on the classpath; run the build");
      }
      JsonNode crd = YAML.readTree(in);
      return new AdmissionValidator(
          crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Admits one manifest given as YAML. */
  public Admission admit(String yaml) {
    try {
      return admit((ObjectNode) YAML.readTree(yaml));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Admits one manifest; the argument is not changed. */
  public Admission admit(ObjectNode manifest) {
    ObjectNode object = manifest.deepCopy();
    List<String> pruned = StructuralSchema.prune(schema, object);
    StructuralSchema.applyDefaults(schema, object);

    List<SchemaErrors.Error> schemaFindings = schemaErrors.validate(object);
    List<String> errors = new ArrayList<>();
    schemaFindings.forEach(error -> errors.add(error.text()));
    // Like the API server, rules are not evaluated after a blocking error (a missing, mistyped,
    // unsupported, too long or too many value): a CEL rule would only fail on top of the real
    // mistake. The root-level error has no field path, which the API server prints as <nil>.
    if (schemaFindings.stream().anyMatch(SchemaErrors.Error::blocksRules)) {
      errors.add(RULES_NOT_CHECKED);
    } else {
      errors.addAll(celRules.validate(schema, object));
    }
    return new Admission(object, List.copyOf(errors), pruned);
  }

  /**
   * The outcome of an admission.
   *
   * @param object the object as the API server would store it: pruned and defaulted
   * @param errors the messages the API server would answer with; empty when admitted
   * @param pruned field paths dropped because the schema does not know them
   */
  public record Admission(JsonNode object, List<String> errors, List<String> pruned) {
    public boolean admitted() {
      return errors.isEmpty();
    }
  }
}
