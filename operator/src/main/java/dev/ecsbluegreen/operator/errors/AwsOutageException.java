package dev.ecsbluegreen.operator.errors;

import java.time.Instant;

/**
 * A call that was not made: every recent call to the release's AWS account and region failed, so
 * the operator stopped calling it and only probes it now and then (the circuit breaker per account
 * and region). The message names the problem and since when, and stays the same for the whole
 * outage, so releases waiting on it are written once, not on every retry.
 */
public final class AwsOutageException extends ReleaseException {
  private final Instant nextProbe;

  /**
   * @param nextProbe when the breaker lets a probe through; a release asking before then fails fast
   */
  public AwsOutageException(String message, Instant nextProbe) {
    super(message, null, null);
    this.nextProbe = nextProbe;
  }

  public Instant nextProbe() {
    return nextProbe;
  }

  @Override
  public Kind kind() {
    return Kind.UNAVAILABLE;
  }
}
