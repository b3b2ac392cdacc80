package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.errors.InvalidReleaseException;

/**
 * What DescribeServices answered for one service it was asked about: the service, or the reason ECS
 * gave for not returning it ({@code failures[].reason}, e.g. MISSING).
 */
public record ServiceLookup(String cluster, String service, ServiceState state, String failure) {

  static ServiceLookup missing(String cluster, String service, String reason) {
    return new ServiceLookup(cluster, service, null, reason == null ? "MISSING" : reason);
  }

  /**
   * The service a release can deploy to. Unknown or deleted (INACTIVE): InvalidReleaseException
   * naming it, since no retry brings it back.
   */
  public ServiceState require() {
    String resource = "ECS service " + cluster + "/" + service;
    if (state == null) {
      throw new InvalidReleaseException(
          "%s not found (DescribeServices: %s)".formatted(resource, failure), failure, null);
    }
    if ("INACTIVE".equals(state.status())) {
      throw new InvalidReleaseException(
          "%s is INACTIVE (deleted)".formatted(resource), "INACTIVE", null);
    }
    return state;
  }
}
