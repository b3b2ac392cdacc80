package dev.ecsbluegreen.operator.benchmark;

import dev.ecsbluegreen.simulator.Simulator;
import dev.ecsbluegreen.simulator.events.EventRule;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The stack of examples/events/codedeploy-events-queue.yaml, made in the simulator: the queue
 * through SQS's own API with the template's attributes, and the EventBridge rule that sends
 * CodeDeploy's deployment state changes to it (the simulator has no EventBridge API, so the rule
 * goes in through its bus). The queue policy has no counterpart: the simulated bus needs no
 * permission to send.
 */
final class BenchmarkEventsQueue {

  static final String QUEUE = "ecs-bluegreen-events";
  static final String RULE = "ecs-bluegreen-operator";

  private BenchmarkEventsQueue() {}

  /**
   * Creates the queue and the rule, and makes EventBridge lose {@code dropRate} of the events (any
   * state) on the way; answers the queue URL the operator is given.
   */
  static String create(Simulator sim, SqsClient sqs, double dropRate) {
    String url =
        sqs.createQueue(
                q ->
                    q.queueName(QUEUE)
                        .attributes(
                            Map.of(
                                QueueAttributeName.MESSAGE_RETENTION_PERIOD, "3600",
                                QueueAttributeName.VISIBILITY_TIMEOUT, "60",
                                QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "20")))
            .queueUrl();
    sim.events()
        .putRule(
            new EventRule(
                RULE,
                List.of("aws.codedeploy"),
                List.of("CodeDeploy Deployment State-change Notification"),
                QUEUE));
    if (dropRate > 0) {
      sim.events().faults().drop("*", dropRate);
    }
    return url;
  }
}
