package dev.ecsbluegreen.simulator.world;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ecsbluegreen.simulator.events.AwsEvent;
import dev.ecsbluegreen.simulator.events.EventBus;
import java.time.Instant;
import java.util.List;

/**
 * CodeDeploy's "Deployment State-change Notification" events: {@code START} when a deployment (a
 * rollback too) starts, {@code READY} when it waits to be continued, and {@code SUCCESS}, {@code
 * FAILURE} or {@code STOP} when it ends. There is none for traffic steps or the termination wait.
 */
final class CodeDeployStateEvents {

  static final String SOURCE = "aws.codedeploy";
  static final String DETAIL_TYPE = "CodeDeploy Deployment State-change Notification";

  private final EventBus bus;
  private final Arns arns;

  CodeDeployStateEvents(EventBus bus, Arns arns) {
    this.bus = bus;
    this.arns = arns;
  }

  void started(Deployment d, Instant at) {
    publish(d, "START", at);
  }

  void ready(Deployment d, Instant at) {
    publish(d, "READY", at);
  }

  void ended(Deployment d) {
    String state =
        switch (d.status()) {
          case Succeeded -> "SUCCESS";
          case Stopped -> "STOP";
          default -> "FAILURE";
        };
    publish(d, state, d.completeTime().orElseThrow());
  }

  private void publish(Deployment d, String state, Instant at) {
    var detail = JsonNodeFactory.instance.objectNode();
    detail.put("deploymentId", d.id());
    detail.put("state", state);
    detail.put("application", d.applicationName());
    detail.put("deploymentGroup", d.groupName());
    detail.put("region", arns.region());
    detail.put("instanceGroupId", d.group().id());
    bus.publish(
        new AwsEvent(
            SOURCE,
            DETAIL_TYPE,
            List.of(
                arns.application(d.applicationName()),
                arns.deploymentGroup(d.applicationName(), d.groupName())),
            detail,
            at,
            state));
  }
}
