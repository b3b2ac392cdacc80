package dev.ecsbluegreen.operator.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Build step run after the Fabric8 CRD generator: puts the printer columns in the order {@code
 * kubectl get releases} should show them. The generator sorts columns by name and has no way to
 * order them (fabric8io/kubernetes-client#7454).
 */
public final class CrdFinisher {
  static final List<String> COLUMN_ORDER =
      List.of("Phase", "Green", "TaskDef", "Deployment", "Age", "Engine", "Message");

  private static final String HEADER =
      "# Generated from dev.ecsbluegreen.operator.api.v1alpha1 by the build; do not edit.\n"
          + "# Refresh after changing the API types: mvn -Pupdate-crds -pl operator -am process-classes\n";

  private CrdFinisher() {}

  public static void main(String[] args) throws IOException {
    var crd = Path.of(args[0]);
    Files.writeString(crd, finish(Files.readString(crd)), StandardCharsets.UTF_8);
  }

  static String finish(String generatedYaml) throws IOException {
    var mapper =
        new ObjectMapper(
            new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    var crd = mapper.readTree(generatedYaml);
    for (JsonNode version : crd.path("spec").path("versions")) {
      if (version.get("additionalPrinterColumns") instanceof ArrayNode columns) {
        ((ObjectNode) version).set("additionalPrinterColumns", ordered(columns, mapper));
      }
    }
    return HEADER + mapper.writeValueAsString(crd);
  }

  private static ArrayNode ordered(ArrayNode columns, ObjectMapper mapper) {
    var list = new ArrayList<JsonNode>();
    columns.forEach(list::add);
    list.sort(Comparator.comparingInt(column -> rank(column.path("name").asText())));
    var result = mapper.createArrayNode();
    list.forEach(result::add);
    return result;
  }

  private static int rank(String name) {
    var index = COLUMN_ORDER.indexOf(name);
    return index < 0 ? COLUMN_ORDER.size() : index;
  }
}
