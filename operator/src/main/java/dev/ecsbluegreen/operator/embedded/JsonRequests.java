package dev.ecsbluegreen.operator.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;

/** Requests rewritten for the mock server's CRUD store, and Status answers, all in JSON. */
final class JsonRequests {
  private JsonRequests() {}

  /** The original request's path with a new method and a JSON body. */
  static RecordedRequest rewritten(RecordedRequest original, HttpMethod method, ObjectNode body) {
    var headers = Headers.builder().add("Content-Type", "application/json").build();
    var bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    return new RecordedRequest(
        original.getHttpVersion(), method, original.getPath(), headers, new Buffer(bytes));
  }

  /** A response carrying a Status object, its HTTP code taken from the Status. */
  static MockResponse status(ObjectNode status) {
    return new MockResponse()
        .setResponseCode(status.path("code").asInt())
        .setHeader("Content-Type", "application/json")
        .setBody(status.toString());
  }
}
