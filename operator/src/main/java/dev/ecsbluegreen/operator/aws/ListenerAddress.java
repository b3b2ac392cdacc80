package dev.ecsbluegreen.operator.aws;

import java.net.URI;
import java.util.Locale;

/**
 * Where a load balancer listener answers: {@code http} or {@code https} (HTTPS listeners; TCP and
 * other protocols are refused when resolved), the load balancer's DNS name and the listener's port.
 */
public record ListenerAddress(String scheme, String host, int port) {

  /** The URL of a path on this listener; {@code path} starts with {@code /}. */
  public URI url(String path) {
    return URI.create("%s://%s:%d%s".formatted(scheme, host.toLowerCase(Locale.ROOT), port, path));
  }
}
