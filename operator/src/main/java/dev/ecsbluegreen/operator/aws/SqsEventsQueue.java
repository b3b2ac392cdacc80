package dev.ecsbluegreen.operator.aws;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;

/** {@link EventsQueue} on the SDK's SQS client: 20-second long polls, batched deletes. */
final class SqsEventsQueue implements EventsQueue {

  /** SQS's longest long poll: one receive call a queue per 20 s when nothing happens. */
  static final Duration LONG_POLL = Duration.ofSeconds(20);

  private static final Logger log = LoggerFactory.getLogger(SqsEventsQueue.class);
  private static final Pattern SQS_HOST = Pattern.compile("sqs[.-]([a-z0-9-]+)\\.amazonaws\\.com");
  private static final int MAX_MESSAGES = 10;

  private final SqsClient sqs;
  private final SdkHttpClient http;
  private final String queueUrl;

  /** Owns the client and its HTTP client: closing the queue closes both. */
  SqsEventsQueue(SqsClient sqs, SdkHttpClient http, String queueUrl) {
    this.sqs = sqs;
    this.http = http;
    this.queueUrl = queueUrl;
  }

  /** The region in an SQS queue URL's host ({@code sqs.<region>.amazonaws.com}), if it has one. */
  static String regionOf(URI queueUrl) {
    var matcher = SQS_HOST.matcher(queueUrl.getHost() == null ? "" : queueUrl.getHost());
    return matcher.matches() ? matcher.group(1) : null;
  }

  @Override
  public List<Message> receive() {
    return sqs
        .receiveMessage(
            r ->
                r.queueUrl(queueUrl)
                    .maxNumberOfMessages(MAX_MESSAGES)
                    .waitTimeSeconds((int) LONG_POLL.toSeconds()))
        .messages()
        .stream()
        .map(m -> new Message(m.receiptHandle(), m.body()))
        .toList();
  }

  @Override
  public void delete(List<Message> handled) {
    for (int from = 0; from < handled.size(); from += MAX_MESSAGES) {
      var slice = handled.subList(from, Math.min(handled.size(), from + MAX_MESSAGES));
      List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int i = 0; i < slice.size(); i++) {
        entries.add(
            DeleteMessageBatchRequestEntry.builder()
                .id(Integer.toString(i))
                .receiptHandle(slice.get(i).receiptHandle())
                .build());
      }
      var answer = sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
      // A message that could not be deleted comes back after its visibility timeout and is
      // handled again: harmless, since an event only asks for a look at the release.
      answer
          .failed()
          .forEach(
              f ->
                  log.warn(
                      "Could not delete an event message from {}: {} {}",
                      queueUrl,
                      f.code(),
                      f.message()));
    }
  }

  @Override
  public void release(List<Message> unhandled) {
    for (var message : unhandled) {
      sqs.changeMessageVisibility(
          r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
    }
  }

  @Override
  public void close() {
    sqs.close();
    http.close();
  }
}
