package dev.ecsbluegreen.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.simulator.events.SqsQueue;
import dev.ecsbluegreen.simulator.world.AwsException;
import dev.ecsbluegreen.simulator.world.SimulatedAws;
import java.time.Duration;
import java.time.Instant;

/**
 * Amazon SQS (API 2012-11-05) over JSON 1.0, as current SDKs speak it ({@code
 * AmazonSQS.ReceiveMessage}): queues, long polling up to 20 s, visibility timeouts and deletes.
 * Queues guard themselves, so a long poll never holds the world's lock.
 */
final class SqsApi extends JsonApi {

  private static final int MAX_WAIT_SECONDS = 20;
  private static final int MAX_VISIBILITY_SECONDS = 12 * 60 * 60;

  SqsApi(SimulatedAws aws) {
    super(aws, "sqs", "AmazonSQS");
    operation("CreateQueue", this::createQueue);
    operation("GetQueueUrl", this::getQueueUrl);
    operation("GetQueueAttributes", this::getQueueAttributes);
    operation("SendMessage", this::sendMessage);
    operation("ReceiveMessage", this::receiveMessage);
    operation("DeleteMessage", this::deleteMessage);
    operation("DeleteMessageBatch", this::deleteMessageBatch);
    operation("ChangeMessageVisibility", this::changeMessageVisibility);
  }

  @Override
  String contentType() {
    return "application/x-amz-json-1.0";
  }

  @Override
  protected boolean runsOnWorld() {
    return false;
  }

  private JsonNode createQueue(JsonNode in, Instant now) {
    String name = required(in, "QueueName");
    if (!name.matches("[A-Za-z0-9_-]{1,80}")) {
      throw AwsException.client(
          "InvalidParameterValue",
          "QueueName may hold only letters, digits, '-' and '_' (1 to 80): " + name);
    }
    String visibility = in.path("Attributes").path("VisibilityTimeout").asText(null);
    Duration timeout =
        visibility == null ? null : Duration.ofSeconds(seconds("VisibilityTimeout", visibility));
    return Json.object().put("QueueUrl", aws.queues().create(name, timeout).url());
  }

  private JsonNode getQueueUrl(JsonNode in, Instant now) {
    String name = required(in, "QueueName");
    return Json.object()
        .put("QueueUrl", aws.queues().byName(name).orElseThrow(() -> missing(name)).url());
  }

  private JsonNode getQueueAttributes(JsonNode in, Instant now) {
    SqsQueue queue = queue(in);
    ObjectNode out = Json.object();
    out.putObject("Attributes")
        .put("ApproximateNumberOfMessages", Integer.toString(queue.depth()))
        .put("QueueArn", "arn:aws:sqs:%s:%s:%s".formatted(region(), account(), queue.name()));
    return out;
  }

  private JsonNode sendMessage(JsonNode in, Instant now) {
    SqsQueue queue = queue(in);
    String body = required(in, "MessageBody");
    int delay = in.path("DelaySeconds").asInt(0);
    String id = aws.ids().uuid();
    String md5 = aws.queues().send(queue, id, body, now.plusSeconds(delay));
    return Json.object().put("MessageId", id).put("MD5OfMessageBody", md5);
  }

  private JsonNode receiveMessage(JsonNode in, Instant now) {
    SqsQueue queue = queue(in);
    int max = in.path("MaxNumberOfMessages").asInt(1);
    if (max < 1 || max > 10) {
      throw AwsException.client(
          "InvalidParameterValue", "MaxNumberOfMessages must be from 1 to 10, not " + max);
    }
    int wait = in.path("WaitTimeSeconds").asInt(0);
    if (wait < 0 || wait > MAX_WAIT_SECONDS) {
      throw AwsException.client(
          "InvalidParameterValue", "WaitTimeSeconds must be from 0 to 20, not " + wait);
    }
    Duration visibility =
        in.has("VisibilityTimeout")
            ? Duration.ofSeconds(seconds("VisibilityTimeout", in.get("VisibilityTimeout").asText()))
            : null;
    try {
      var messages =
          queue.receive(max, visibility, Duration.ofSeconds(wait), () -> aws.clock().now());
      ObjectNode out = Json.object();
      if (!messages.isEmpty()) {
        var list = out.putArray("Messages");
        for (var m : messages) {
          list.addObject()
              .put("MessageId", m.messageId())
              .put("ReceiptHandle", m.receiptHandle())
              .put("MD5OfBody", m.md5OfBody())
              .put("Body", m.body());
        }
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AwsException("ServiceUnavailable", 503, "The simulator is stopping");
    }
  }

  private JsonNode deleteMessage(JsonNode in, Instant now) {
    SqsQueue queue = queue(in);
    String handle = required(in, "ReceiptHandle");
    if (queue.delete(handle).isEmpty()) {
      throw invalidHandle(handle);
    }
    return null;
  }

  private JsonNode deleteMessageBatch(JsonNode in, Instant now) {
    SqsQueue queue = queue(in);
    JsonNode entries = in.path("Entries");
    if (!entries.isArray() || entries.isEmpty() || entries.size() > 10) {
      throw AwsException.client(
          "EmptyBatchRequest", "Entries must hold from 1 to 10 receipt handles");
    }
    ObjectNode out = Json.object();
    var ok = out.putArray("Successful");
    var failed = out.putArray("Failed");
    for (JsonNode entry : entries) {
      String id = entry.path("Id").asText();
      String handle = entry.path("ReceiptHandle").asText("");
      if (queue.delete(handle).isPresent()) {
        ok.addObject().put("Id", id);
      } else {
        failed
            .addObject()
            .put("Id", id)
            .put("SenderFault", true)
            .put("Code", "ReceiptHandleIsInvalid")
            .put("Message", "The receipt handle is not valid: " + handle);
      }
    }
    return out;
  }

  private JsonNode changeMessageVisibility(JsonNode in, Instant now) {
    SqsQueue queue = queue(in);
    String handle = required(in, "ReceiptHandle");
    long timeout = seconds("VisibilityTimeout", in.path("VisibilityTimeout").asText("0"));
    if (!queue.changeVisibility(handle, Duration.ofSeconds(timeout), now)) {
      throw invalidHandle(handle);
    }
    return null;
  }

  private SqsQueue queue(JsonNode in) {
    String url = required(in, "QueueUrl");
    return aws.queues().byUrl(url).orElseThrow(() -> missing(url));
  }

  private static long seconds(String field, String text) {
    try {
      long value = Long.parseLong(text);
      if (value < 0 || value > MAX_VISIBILITY_SECONDS) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw AwsException.client(
          "InvalidParameterValue", field + " must be from 0 to 43200 seconds, not " + text);
    }
  }

  private static String required(JsonNode in, String field) {
    String value = in.path(field).asText(null);
    if (value == null || value.isEmpty()) {
      throw AwsException.client("MissingParameter", "The request must contain " + field);
    }
    return value;
  }

  private static AwsException missing(String queue) {
    return AwsException.client("QueueDoesNotExist", "The specified queue does not exist: " + queue);
  }

  private static AwsException invalidHandle(String handle) {
    return AwsException.client(
        "ReceiptHandleIsInvalid", "The receipt handle is not valid: " + handle);
  }

  private String region() {
    return aws.world().region();
  }

  private String account() {
    return aws.world().accountId();
  }
}
