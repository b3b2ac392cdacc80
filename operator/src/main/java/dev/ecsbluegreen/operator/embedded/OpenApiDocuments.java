package dev.ecsbluegreen.operator.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAPI v3 documents kubectl reads before apply, edit and create: they say that the server
 * validates fields itself (the fieldValidation parameter on PATCH), so kubectl sends its objects
 * with fieldValidation=Strict instead of validating them against an OpenAPI v2 protobuf document
 * the embedded API cannot serve; and they carry the release schema, so `kubectl explain` works.
 */
final class OpenApiDocuments {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String ROOT = "/openapi/v3";

  private final Map<String, ObjectNode> documents;

  OpenApiDocuments(CustomResourceDefinition crd) {
    var group = crd.getSpec().getGroup();
    var version = crd.getSpec().getVersions().get(0);
    var names = crd.getSpec().getNames();
    var releases =
        document(
            "/apis/%s/%s/namespaces/{namespace}/%s/{name}"
                .formatted(group, version.getName(), names.getPlural()),
            gvk(group, version.getName(), names.getKind()));
    var schema =
        (ObjectNode)
            Serialization.jsonMapper().valueToTree(version.getSchema().getOpenAPIV3Schema());
    var properties = schema.with("properties");
    properties.putObject("apiVersion").put("type", "string").put("description", "The API version.");
    properties.putObject("kind").put("type", "string").put("description", "EcsBlueGreenRelease.");
    properties.putObject("metadata").put("type", "object").put("description", "Object metadata.");
    schema
        .putArray("x-kubernetes-group-version-kind")
        .add(gvk(group, version.getName(), names.getKind()));
    releases
        .putObject("components")
        .putObject("schemas")
        .set(reversed(group) + "." + version.getName() + "." + names.getKind(), schema);
    var core = document("/api/v1/namespaces/{name}", gvk("", "v1", "Namespace"));
    documents =
        Map.of(ROOT + "/apis/" + group + "/" + version.getName(), releases, ROOT + "/api/v1", core);
  }

  /** The document at a path under /openapi, if the embedded API has one. */
  Optional<ObjectNode> at(String path) {
    if (path.equals(ROOT)) {
      var root = JSON.createObjectNode();
      var paths = root.putObject("paths");
      documents.forEach(
          (documentPath, document) ->
              paths
                  .putObject(documentPath.substring(ROOT.length() + 1))
                  .put(
                      "serverRelativeURL",
                      documentPath + "?hash=" + Integer.toHexString(document.hashCode())));
      return Optional.of(root);
    }
    return Optional.ofNullable(documents.get(path));
  }

  private static ObjectNode document(String objectPath, JsonNode gvk) {
    var document = JSON.createObjectNode().put("openapi", "3.0.0");
    document.putObject("info").put("title", "Kubernetes").put("version", "embedded");
    var patch = document.putObject("paths").putObject(objectPath).putObject("patch");
    patch.set("x-kubernetes-group-version-kind", gvk);
    var parameter = patch.putArray("parameters").addObject();
    parameter.put("name", "fieldValidation").put("in", "query");
    parameter.putObject("schema").put("type", "string");
    patch.putObject("responses").putObject("200").put("description", "OK");
    return document;
  }

  private static ObjectNode gvk(String group, String version, String kind) {
    return JSON.createObjectNode().put("group", group).put("version", version).put("kind", kind);
  }

  /** ecs.bluegreen.dev becomes dev.bluegreen.ecs, as the API server names its schemas. */
  private static String reversed(String group) {
    var parts = group.split("\\.");
    var reversed = new StringBuilder();
    for (int i = parts.length - 1; i >= 0; i--) {
      reversed.append(parts[i]).append(i > 0 ? "." : "");
    }
    return reversed.toString();
  }
}
