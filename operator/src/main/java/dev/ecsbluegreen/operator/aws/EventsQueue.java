package dev.ecsbluegreen.operator.aws;

import java.util.List;

/**
 * The SQS queue an EventBridge rule fills with CodeDeploy's deployment state changes, read with the
 * operator's own credentials.
 */
public interface EventsQueue extends AutoCloseable {

  /** A message as received: what to delete it by and its body (the event's JSON). */
  record Message(String receiptHandle, String body) {}

  /** Long-polls for up to ten messages; returns an empty list when none came in the wait. */
  List<Message> receive();

  /** Deletes messages that were handled (or can never be), so they are not received again. */
  void delete(List<Message> handled);

  /** Makes received messages visible again at once, for another reader to handle. */
  void release(List<Message> unhandled);

  @Override
  void close();
}
