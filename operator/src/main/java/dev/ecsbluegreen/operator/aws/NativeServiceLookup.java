package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.errors.InvalidReleaseException;

/**
 * What DescribeServices answered for one ECS-controller service the ECS engine asked about: the
 * service with its current service deployment, or the reason ECS gave for not returning it ({@code
 * failures[].reason}, e.g. MISSING).
 */
public record NativeServiceLookup(
    String cluster, String service, NativeServiceState state, String failure) {

  static NativeServiceLookup missing(String cluster, String service, String reason) {
    return new NativeServiceLookup(cluster, service, null, reason == null ? "MISSING" : reason);
  }

  /**
   * The service a release can deploy to. Unknown or deleted (INACTIVE): InvalidReleaseException
   * naming it, since no retry brings it back.
   */
  public NativeServiceState require() {
    String resource = "ECS service " + cluster + "/" + service;
    if (state == null) {
      throw new InvalidReleaseException(
          "%s not found (DescribeServices: %s)".formatted(resource, failure), failure, null);
    }
    if ("INACTIVE".equals(state.service().status())) {
      throw new InvalidReleaseException(
          "%s is INACTIVE (deleted)".formatted(resource), "INACTIVE", null);
    }
    return state;
  }
}
