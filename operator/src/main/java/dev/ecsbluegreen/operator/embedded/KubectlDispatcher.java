package dev.ecsbluegreen.operator.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.operator.admission.AdmissionValidator;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;

/**
 * The mock server's CRUD API plus what kubectl needs that it lacks: API discovery for the release
 * resource; server-side tables built from the CRD's printer columns, so `kubectl get releases`
 * shows PHASE, GREEN, TASKDEF and DEPLOYMENT as a real API server would; the OpenAPI v3 documents
 * apply and edit read; namespaces created in protobuf; and releases written through patch semantics
 * and admission as a kube-apiserver applies them. Writes are handled one at a time, so a patch
 * reads and replaces the release without another write in between.
 */
final class KubectlDispatcher extends Dispatcher {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesCrudDispatcher crud;
  private final CustomResourceDefinition crd;
  private final ServerSideTables tables;
  private final String groupVersion;
  private final String resourcePath;
  private final OpenApiDocuments openApi;
  private final ReleaseWrites releaseWrites;

  KubectlDispatcher(
      KubernetesCrudDispatcher crud,
      CustomResourceDefinition crd,
      AdmissionValidator validator,
      Clock clock) {
    this.crud = crud;
    this.crd = crd;
    this.tables = new ServerSideTables(printerColumns(crd), clock);
    this.groupVersion = crd.getSpec().getGroup() + "/" + version();
    this.resourcePath = "/" + crd.getSpec().getNames().getPlural();
    this.openApi = new OpenApiDocuments(crd);
    var invalid =
        new InvalidRelease(crd.getSpec().getGroup(), crd.getSpec().getNames().getKind(), version());
    this.releaseWrites = new ReleaseWrites(crud, validator, invalid);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    var path = request.getPath();
    var query = path.contains("?") ? path.substring(path.indexOf('?') + 1) : "";
    var pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    if (pathOnly.startsWith("/openapi/")) {
      return openApi.at(pathOnly).map(KubectlDispatcher::json).orElseGet(() -> notFound(pathOnly));
    }
    if (!"GET".equals(request.getMethod())) {
      synchronized (this) {
        try {
          return write(request, pathOnly, query);
        } catch (RuntimeException e) {
          // An answer, not a dropped connection: kubectl shows the cause instead of "EOF".
          return JsonRequests.status(
              InvalidRelease.status(500, "InternalError", "embedded API: " + e));
        }
      }
    }
    if (isWatch(query)) {
      return crud.dispatch(request);
    }
    switch (pathOnly) {
      case "/api" -> {
        return json(apiVersions());
      }
      case "/api/v1" -> {
        return json(coreResources());
      }
      case "/apis" -> {
        return json(apiGroups());
      }
      default -> {
        if (pathOnly.equals("/apis/" + groupVersion)) {
          return json(apiResources());
        }
      }
    }
    if (isEventsPath(pathOnly)) {
      return events(request, pathOnly, query);
    }
    if (wantsTable(request) && isReleasePath(pathOnly)) {
      var stored = crud.dispatch(request);
      return stored.code() == 200 ? json(tables.releases(read(stored))) : stored;
    }
    return crud.dispatch(request);
  }

  private MockResponse write(RecordedRequest request, String pathOnly, String query) {
    var contentType = String.valueOf(request.getHeader("Content-Type"));
    if (contentType.startsWith(ProtobufNamespace.CONTENT_TYPE)) {
      return protobufWrite(request, pathOnly);
    }
    if (isReleaseCollection(pathOnly) && "POST".equals(request.getMethod())) {
      return releaseWrites.create(request, query);
    }
    if (isReleaseObject(pathOnly)) {
      switch (request.getMethod()) {
        case "PUT" -> {
          return releaseWrites.replace(request, pathOnly, query);
        }
        case "PATCH" -> {
          return releaseWrites.patch(request, pathOnly, query);
        }
        default -> {}
      }
    }
    return crud.dispatch(request);
  }

  /** kubectl sends built-in objects in protobuf; of those, only namespaces are created here. */
  private MockResponse protobufWrite(RecordedRequest request, String pathOnly) {
    if ("POST".equals(request.getMethod()) && pathOnly.equals("/api/v1/namespaces")) {
      try {
        var namespace = ProtobufNamespace.decode(request.getBody().getBytes());
        // Said outright: without a Content-Type kubectl reads the answer as protobuf too.
        return crud.dispatch(JsonRequests.rewritten(request, HttpMethod.POST, namespace))
            .setHeader("Content-Type", "application/json");
      } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
        return JsonRequests.status(
            InvalidRelease.status(400, "BadRequest", "unreadable Namespace: " + e.getMessage()));
      }
    }
    return JsonRequests.status(
        InvalidRelease.status(
            415,
            "UnsupportedMediaType",
            "the embedded API reads protobuf only to create namespaces; send JSON"));
  }

  private static MockResponse notFound(String path) {
    return JsonRequests.status(
        InvalidRelease.status(404, "NotFound", "the server could not find " + path));
  }

  private MockResponse events(RecordedRequest request, String pathOnly, String query) {
    var selector = EventSelector.of(query);
    var stored = crud.handleGet(pathOnly);
    var list = stored.code() == 200 ? read(stored) : EventSelector.emptyList();
    var selected = selector == null ? (ObjectNode) list : selector.filter(list);
    // The mock server calls every list "List"; kubectl describe only reads an EventList.
    selected.put("kind", "EventList");
    return json(wantsTable(request) ? tables.events(selected) : selected);
  }

  private static boolean isWatch(String query) {
    return query.contains("watch=true") || query.contains("watch=1");
  }

  private static boolean isEventsPath(String path) {
    return path.equals("/api/v1/events")
        || (path.startsWith("/api/v1/namespaces/") && path.endsWith("/events"));
  }

  private boolean isReleaseCollection(String path) {
    return path.startsWith("/apis/" + groupVersion + "/namespaces/") && path.endsWith(resourcePath);
  }

  private boolean isReleaseObject(String path) {
    return path.startsWith("/apis/" + groupVersion + "/") && path.contains(resourcePath + "/");
  }

  private boolean isReleasePath(String path) {
    return path.startsWith("/apis/" + groupVersion + "/")
        && (path.endsWith(resourcePath) || path.contains(resourcePath + "/"))
        && !path.endsWith("/status");
  }

  private static boolean wantsTable(RecordedRequest request) {
    var accept = request.getHeader("Accept");
    return accept != null && accept.contains("as=Table");
  }

  private static List<CustomResourceColumnDefinition> printerColumns(CustomResourceDefinition crd) {
    return crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns();
  }

  private String version() {
    return crd.getSpec().getVersions().get(0).getName();
  }

  private ObjectNode apiVersions() {
    var versions = JSON.createObjectNode().put("kind", "APIVersions");
    versions.putArray("versions").add("v1");
    return versions;
  }

  /** The core resources kubectl may ask for beside releases: namespaces and events. */
  private ObjectNode coreResources() {
    var list = JSON.createObjectNode().put("kind", "APIResourceList").put("groupVersion", "v1");
    var resources = list.putArray("resources");
    for (var resource :
        List.of(List.of("namespaces", "Namespace", "ns"), List.of("events", "Event", "ev"))) {
      var entry = resources.addObject().put("name", resource.get(0)).put("singularName", "");
      entry.put("namespaced", resource.get(0).equals("events")).put("kind", resource.get(1));
      entry.putArray("shortNames").add(resource.get(2));
      List.of("get", "list", "watch", "create", "delete").forEach(entry.putArray("verbs")::add);
    }
    return list;
  }

  private ObjectNode apiGroups() {
    var list = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
    var group = list.putArray("groups").addObject().put("name", crd.getSpec().getGroup());
    var version =
        JSON.createObjectNode().put("groupVersion", groupVersion).put("version", version());
    group.putArray("versions").add(version);
    group.set("preferredVersion", version);
    return list;
  }

  private ObjectNode apiResources() {
    var names = crd.getSpec().getNames();
    var list = JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1");
    list.put("groupVersion", groupVersion);
    var resources = list.putArray("resources");
    var release = resources.addObject();
    release.put("name", names.getPlural()).put("singularName", names.getSingular());
    release.put("namespaced", true).put("kind", names.getKind());
    var shortNames = release.putArray("shortNames");
    names.getShortNames().forEach(shortNames::add);
    var verbs = release.putArray("verbs");
    List.of("get", "list", "watch", "create", "update", "patch", "delete").forEach(verbs::add);
    var status = resources.addObject();
    status.put("name", names.getPlural() + "/status").put("singularName", "");
    status.put("namespaced", true).put("kind", names.getKind());
    List.of("get", "patch", "update").forEach(status.putArray("verbs")::add);
    return list;
  }

  private static JsonNode read(MockResponse stored) {
    try {
      return JSON.readTree(stored.getBody().readUtf8());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MockResponse json(JsonNode body) {
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody(body.toString());
  }
}
