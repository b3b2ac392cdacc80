package dev.ecsbluegreen.operator.embedded;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The Status a kube-apiserver answers when admission refuses a release: 422 Invalid with one cause
 * per error (field and message), which kubectl prints as {@code The EcsBlueGreenRelease "x" is
 * invalid: <field>: <message>}; and 400 BadRequest for unknown fields under {@code
 * fieldValidation=Strict}, kubectl's default.
 */
final class InvalidRelease {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String group;
  private final String kind;
  private final String version;

  InvalidRelease(String group, String kind, String version) {
    this.group = group;
    this.kind = kind;
    this.version = version;
  }

  /** The one-line message a kube-apiserver gives, also used where no Status can be shown. */
  String message(String name, List<String> errors) {
    var joined = errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]";
    return "%s.%s \"%s\" is invalid: %s".formatted(kind, group, name, joined);
  }

  /**
   * A 422 Status for errors written {@code <field path>: <message>}, as the validator writes them.
   */
  ObjectNode invalid(String name, List<String> errors) {
    var status = status(422, "Invalid", message(name, errors));
    var details = status.putObject("details").put("name", name).put("group", group);
    details.put("kind", kind);
    var causes = details.putArray("causes");
    for (var error : errors) {
      var separator = error.indexOf(": ");
      var field = separator < 0 ? "" : error.substring(0, separator);
      var message = separator < 0 ? error : error.substring(separator + 2);
      causes
          .addObject()
          .put("reason", causeReason(message))
          .put("message", message)
          .put("field", field);
    }
    return status;
  }

  /** A 400 Status naming the fields the schema does not know, as strict field validation does. */
  ObjectNode unknownFields(List<String> fields) {
    var unknown = fields.stream().map(f -> "unknown field \"" + f + "\"").toList();
    return status(
        400,
        "BadRequest",
        "%s in version \"%s\" cannot be handled as a %s: strict decoding error: %s"
            .formatted(kind, version, kind, String.join(", ", unknown)));
  }

  static ObjectNode status(int code, String reason, String message) {
    var status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure").put("message", message).put("reason", reason);
    status.put("code", code);
    return status;
  }

  private static String causeReason(String message) {
    if (message.startsWith("Required value")) {
      return "FieldValueRequired";
    }
    if (message.startsWith("Unsupported value")) {
      return "FieldValueNotSupported";
    }
    if (message.startsWith("Too many")) {
      return "FieldValueTooMany";
    }
    if (message.startsWith("Too long")) {
      return "FieldValueTooLong";
    }
    return "FieldValueInvalid";
  }
}
