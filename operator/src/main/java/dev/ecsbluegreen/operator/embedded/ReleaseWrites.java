package dev.ecsbluegreen.operator.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.operator.admission.AdmissionValidator;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;

/**
 * Creates, replaces and patches releases the way a kube-apiserver does before the mock server
 * stores them: patches are applied here (a JSON merge patch replaces lists, RFC 7386), and the
 * result goes through the CRD's admission (pruning, defaults, schema, CEL rules), so a release the
 * cluster would refuse is refused here too, with the same Status. The status subresource is stored
 * as written: only the operator writes it.
 */
final class ReleaseWrites {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STATUS_SUFFIX = "/status";

  private final KubernetesCrudDispatcher crud;
  private final AdmissionValidator validator;
  private final InvalidRelease invalid;

  ReleaseWrites(
      KubernetesCrudDispatcher crud, AdmissionValidator validator, InvalidRelease invalid) {
    this.crud = crud;
    this.validator = validator;
    this.invalid = invalid;
  }

  /** POST to the collection. */
  MockResponse create(RecordedRequest request, String query) {
    var body = parse(request.getUtf8Body());
    if (body == null) {
      return badRequest("the request body is not a JSON object");
    }
    return admitAndForward(request, HttpMethod.POST, body, query);
  }

  /** PUT on a release or its status. */
  MockResponse replace(RecordedRequest request, String pathOnly, String query) {
    if (pathOnly.endsWith(STATUS_SUFFIX)) {
      return crud.dispatch(request);
    }
    var body = parse(request.getUtf8Body());
    if (body == null) {
      return badRequest("the request body is not a JSON object");
    }
    return admitAndForward(request, HttpMethod.PUT, body, query);
  }

  /** PATCH on a release or its status: applied here, stored as a replace. */
  MockResponse patch(RecordedRequest request, String pathOnly, String query) {
    var contentType = String.valueOf(request.getHeader("Content-Type"));
    var objectPath =
        pathOnly.endsWith(STATUS_SUFFIX)
            ? pathOnly.substring(0, pathOnly.length() - STATUS_SUFFIX.length())
            : pathOnly;
    var stored = crud.handleGet(objectPath);
    if (stored.code() != 200) {
      return stored;
    }
    var current = parse(stored.getBody().readUtf8());
    JsonNode patched;
    try {
      var patch = JSON.readTree(request.getUtf8Body());
      if (contentType.startsWith("application/merge-patch+json")) {
        patched = MergePatch.apply(current, patch);
      } else if (contentType.startsWith("application/json-patch+json")) {
        patched = JsonPatch.apply(patch, current);
      } else {
        // Custom resources take neither strategic merge patches nor, here, server-side apply.
        return JsonRequests.status(
            InvalidRelease.status(
                415,
                "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include:"
                    + " application/json-patch+json, application/merge-patch+json"));
      }
    } catch (IOException | RuntimeException e) {
      return badRequest("the patch could not be applied: " + e.getMessage());
    }
    if (!(patched instanceof ObjectNode object)) {
      return badRequest("the patch does not leave an object");
    }
    if (pathOnly.endsWith(STATUS_SUFFIX)) {
      return crud.dispatch(JsonRequests.rewritten(request, HttpMethod.PUT, object));
    }
    return admitAndForward(request, HttpMethod.PUT, object, query);
  }

  private MockResponse admitAndForward(
      RecordedRequest request, HttpMethod method, ObjectNode object, String query) {
    // The status is not the user's to write here: the API server keeps the stored one.
    var withoutStatus = object.deepCopy();
    withoutStatus.remove("status");
    var admission = validator.admit(withoutStatus);
    var name = object.path("metadata").path("name").asText();
    if (!admission.admitted()) {
      return JsonRequests.status(invalid.invalid(name, admission.errors()));
    }
    var validation = FieldValidation.of(query);
    if (validation == FieldValidation.STRICT && !admission.pruned().isEmpty()) {
      return JsonRequests.status(invalid.unknownFields(admission.pruned()));
    }
    var response =
        crud.dispatch(JsonRequests.rewritten(request, method, (ObjectNode) admission.object()));
    if (validation == FieldValidation.WARN) {
      admission
          .pruned()
          .forEach(
              field ->
                  response.addHeader("Warning", "299 - \"unknown field \\\"" + field + "\\\"\""));
    }
    return response;
  }

  private static ObjectNode parse(String text) {
    try {
      var node = JSON.readTree(text);
      return node instanceof ObjectNode object ? object : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static MockResponse badRequest(String message) {
    return JsonRequests.status(InvalidRelease.status(400, "BadRequest", message));
  }

  /** The fieldValidation query parameter; a kube-apiserver warns when it is absent. */
  enum FieldValidation {
    STRICT,
    WARN,
    IGNORE;

    static FieldValidation of(String query) {
      for (var parameter : query.split("&")) {
        if (parameter.equalsIgnoreCase("fieldValidation=Strict")) {
          return STRICT;
        }
        if (parameter.equalsIgnoreCase("fieldValidation=Ignore")) {
          return IGNORE;
        }
      }
      return WARN;
    }
  }
}
