package dev.ecsbluegreen.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ecsbluegreen.simulator.world.AwsException;
import dev.ecsbluegreen.simulator.world.ListenerAddresses;
import dev.ecsbluegreen.simulator.world.SimulatedAws;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS endpoint on loopback: one port serving CodeDeploy and ECS (JSON 1.1) and SQS (JSON 1.0),
 * chosen by {@code X-Amz-Target}, STS and Elastic Load Balancing v2 (query protocol, chosen by the
 * form's {@code Version} and {@code Action}) and CloudWatch (Smithy RPC v2 CBOR, chosen by the
 * {@code /service/.../operation/...} path). It applies the injected faults, records every call and
 * writes answers and errors as AWS does.
 */
public final class AwsHttpServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AwsHttpServer.class);
  private static final String JSON_11 = "application/x-amz-json-1.1";
  private static final String CBOR = "application/cbor";
  private static final String CLOUDWATCH_PATH = "/service/GraniteServiceVersion20100801/operation/";

  /** How a call's errors are written. */
  private enum Protocol {
    JSON,
    QUERY,
    CBOR
  }

  static {
    LoopbackTuning.apply();
  }

  private final SimulatedAws aws;
  private final List<JsonApi> jsonApis;
  private final StsApi sts;
  private final ElbApi elb;
  private final CloudWatchApi cloudWatch;
  private final Credentials credentials = new Credentials();
  private final CallLog calls = new CallLog();
  private final Faults faults;
  private final HttpServer server;
  private final ExecutorService executor;

  /**
   * @param listeners where the data plane serves the load balancers' listeners, which the ELB API
   *     reports as their DNS names and ports
   */
  public AwsHttpServer(SimulatedAws aws, int port, ListenerAddresses listeners) throws IOException {
    this.aws = aws;
    this.jsonApis = List.of(new CodeDeployApi(aws), new EcsApi(aws), new SqsApi(aws));
    this.sts = new StsApi(aws, credentials);
    this.elb = new ElbApi(aws, listeners);
    this.cloudWatch = new CloudWatchApi(aws);
    this.faults = new Faults(aws);
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        // Room for SQS long polls, which hold a thread for up to 20 s each, beside the API calls.
        Executors.newFixedThreadPool(
            64,
            r -> {
              Thread t = new Thread(r, "sim-aws-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public CallLog calls() {
    return calls;
  }

  public Faults faults() {
    return faults;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = readBody(exchange.getRequestBody());
      String caller =
          Credentials.accessKeyId(exchange.getRequestHeaders().getFirst("Authorization"));
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String requestId = UUID.randomUUID().toString();
      String path = exchange.getRequestURI().getPath();
      if (target != null) {
        handleJson(exchange, target, body, caller, requestId);
      } else if (path.startsWith(CLOUDWATCH_PATH)) {
        handleCbor(exchange, path.substring(CLOUDWATCH_PATH.length()), body, caller, requestId);
      } else if (isForm(exchange)) {
        handleQuery(exchange, body, caller, requestId);
      } else {
        record("unknown", "(none)", caller, "UnknownOperationException", true);
        sendJsonError(
            exchange,
            requestId,
            AwsException.client(
                "UnknownOperationException", "No X-Amz-Target header and no Action in the body"));
      }
    } catch (RuntimeException e) {
      log.error("Unexpected failure while answering an API call", e);
    }
  }

  private void handleJson(
      HttpExchange exchange, String target, byte[] body, String caller, String requestId)
      throws IOException {
    int dot = target.lastIndexOf('.');
    String prefix = dot < 0 ? target : target.substring(0, dot);
    String operation = dot < 0 ? "" : target.substring(dot + 1);
    JsonApi api =
        jsonApis.stream().filter(a -> a.targetPrefix().equals(prefix)).findFirst().orElse(null);
    String service = api == null ? "unknown" : api.signingName();
    String contentType = api == null ? JSON_11 : api.contentType();
    if (!applyFaultsBefore(exchange, service, operation, caller, requestId, Protocol.JSON)) {
      return;
    }
    JsonNode output;
    try {
      if (api == null) {
        throw AwsException.client("UnknownOperationException", "Unknown target " + target);
      }
      output = api.invoke(operation, parse(body));
    } catch (AwsException e) {
      record(service, operation, caller, e.errorCode(), true);
      sendJsonError(exchange, requestId, e, contentType);
      return;
    } catch (RuntimeException e) {
      log.error("Simulator failure in {}.{}", service, operation, e);
      AwsException internal = new AwsException("InternalFailure", 500, "Simulator failure: " + e);
      record(service, operation, caller, internal.errorCode(), true);
      sendJsonError(exchange, requestId, internal, contentType);
      return;
    }
    if (faults.dropAfterApplying(operation)) {
      record(service, operation, caller, ApiCall.OK, false);
      return;
    }
    record(service, operation, caller, ApiCall.OK, true);
    byte[] answer = output == null ? new byte[0] : Json.MAPPER.writeValueAsBytes(output);
    send(exchange, 200, contentType, requestId, answer);
  }

  /**
   * The query protocol: STS (2011-06-15) or ELB v2 (2015-12-01) by the form's {@code Version}. ELB
   * calls are recorded as service {@code elasticloadbalancing}, the IAM prefix.
   */
  private void handleQuery(HttpExchange exchange, byte[] body, String caller, String requestId)
      throws IOException {
    Map<String, String> form = parseForm(new String(body, StandardCharsets.UTF_8));
    String action = form.getOrDefault("Action", "");
    boolean isElb = ElbApi.VERSION.equals(form.get("Version"));
    String service = isElb ? "elasticloadbalancing" : "sts";
    if (!applyFaultsBefore(exchange, service, action, caller, requestId, Protocol.QUERY)) {
      return;
    }
    try {
      String xml =
          aws.call(
              now ->
                  isElb
                      ? elb.invoke(action, form, requestId)
                      : sts.invoke(action, form, caller, requestId));
      if (faults.dropAfterApplying(action)) {
        record(service, action, caller, ApiCall.OK, false);
        return;
      }
      record(service, action, caller, ApiCall.OK, true);
      send(exchange, 200, "text/xml", requestId, xml.getBytes(StandardCharsets.UTF_8));
    } catch (AwsException e) {
      record(service, action, caller, e.errorCode(), true);
      sendXmlError(exchange, requestId, e.errorCode(), e.getMessage(), e.httpStatus());
    } catch (RuntimeException e) {
      log.error("Simulator failure in {}.{}", service, action, e);
      record(service, action, caller, "InternalFailure", true);
      sendXmlError(exchange, requestId, "InternalFailure", "Simulator failure: " + e, 500);
    }
  }

  /**
   * CloudWatch's Smithy RPC v2 CBOR: the operation in the path, a CBOR map each way. It is recorded
   * as service {@code cloudwatch}, the IAM prefix (its signing name is {@code monitoring}).
   */
  private void handleCbor(
      HttpExchange exchange, String operation, byte[] body, String caller, String requestId)
      throws IOException {
    if (!applyFaultsBefore(exchange, "cloudwatch", operation, caller, requestId, Protocol.CBOR)) {
      return;
    }
    JsonNode output;
    try {
      output = cloudWatch.invoke(operation, Cbor.read(body));
    } catch (AwsException e) {
      record("cloudwatch", operation, caller, e.errorCode(), true);
      sendCborError(exchange, requestId, e);
      return;
    } catch (RuntimeException e) {
      log.error("Simulator failure in cloudwatch.{}", operation, e);
      var internal = new AwsException("InternalFailure", 500, "Simulator failure: " + e);
      record("cloudwatch", operation, caller, internal.errorCode(), true);
      sendCborError(exchange, requestId, internal);
      return;
    }
    if (faults.dropAfterApplying(operation)) {
      record("cloudwatch", operation, caller, ApiCall.OK, false);
      return;
    }
    record("cloudwatch", operation, caller, ApiCall.OK, true);
    exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
    send(exchange, 200, CBOR, requestId, Cbor.write(output));
  }

  /** Applies latency and pre-call faults; false when the call was answered or dropped here. */
  private boolean applyFaultsBefore(
      HttpExchange exchange,
      String service,
      String operation,
      String caller,
      String requestId,
      Protocol protocol)
      throws IOException {
    Duration latency = faults.latencyFor(operation);
    if (!latency.isZero()) {
      try {
        Thread.sleep(latency.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Faults.Verdict verdict = faults.before(service, operation, caller);
    if (verdict == Faults.Verdict.PROCEED) {
      return true;
    }
    if (verdict == Faults.Verdict.DROP) {
      // Closing the exchange before any header is sent closes the connection unanswered.
      record(service, operation, caller, "ConnectionDropped", false);
      return false;
    }
    AwsException error =
        switch (verdict) {
          case THROTTLE ->
              protocol == Protocol.JSON
                  ? AwsException.client("ThrottlingException", "Rate exceeded")
                  : AwsException.client("Throttling", "Rate exceeded");
          case SERVICE_UNAVAILABLE ->
              new AwsException("ServiceUnavailable", 503, "The service is unavailable");
          default -> new AwsException("InternalFailure", 500, "The request processing has failed");
        };
    record(service, operation, caller, error.errorCode(), true);
    switch (protocol) {
      case JSON -> sendJsonError(exchange, requestId, error);
      case QUERY ->
          sendXmlError(
              exchange, requestId, error.errorCode(), error.getMessage(), error.httpStatus());
      case CBOR -> sendCborError(exchange, requestId, error);
    }
    return false;
  }

  private void record(
      String service, String operation, String caller, String outcome, boolean answered) {
    calls.record(
        new ApiCall(
            aws.clock().now(),
            service,
            operation,
            caller,
            credentials.principal(caller),
            outcome,
            answered));
  }

  private static boolean isForm(HttpExchange exchange) {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    return type != null && type.startsWith("application/x-www-form-urlencoded");
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return Json.object();
    }
    try {
      JsonNode node = Json.MAPPER.readTree(body);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("not an object");
      }
      return node;
    } catch (IOException | IllegalArgumentException e) {
      throw AwsException.client("SerializationException", "The request body is not a JSON object");
    }
  }

  private static Map<String, String> parseForm(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      form.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return form;
  }

  private static byte[] readBody(InputStream in) throws IOException {
    return in.readAllBytes();
  }

  private static void sendJsonError(HttpExchange exchange, String requestId, AwsException e)
      throws IOException {
    sendJsonError(exchange, requestId, e, JSON_11);
  }

  private static void sendJsonError(
      HttpExchange exchange, String requestId, AwsException e, String contentType)
      throws IOException {
    var body = Json.object().put("__type", e.errorCode()).put("message", e.getMessage());
    exchange.getResponseHeaders().add("x-amzn-ErrorType", e.errorCode());
    send(exchange, e.httpStatus(), contentType, requestId, Json.MAPPER.writeValueAsBytes(body));
  }

  /**
   * An awsQuery-compatible RPC v2 error: the exception shape in {@code __type} and the query error
   * code in {@code x-amzn-query-error}, from which the SDK takes the error code it reports.
   */
  private static void sendCborError(HttpExchange exchange, String requestId, AwsException e)
      throws IOException {
    var body =
        Json.object().put("__type", Cbor.shapeOf(e.errorCode())).put("message", e.getMessage());
    String fault = e.httpStatus() >= 500 ? "Receiver" : "Sender";
    exchange.getResponseHeaders().add("x-amzn-query-error", e.errorCode() + ";" + fault);
    exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
    send(exchange, e.httpStatus(), CBOR, requestId, Cbor.write(body));
  }

  private static void sendXmlError(
      HttpExchange exchange, String requestId, String code, String message, int status)
      throws IOException {
    byte[] body = StsApi.error(code, message, requestId, status).getBytes(StandardCharsets.UTF_8);
    send(exchange, status, "text/xml", requestId, body);
  }

  private static void send(
      HttpExchange exchange, int status, String contentType, String requestId, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().add("Content-Type", contentType);
    exchange.getResponseHeaders().add("x-amzn-RequestId", requestId);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
