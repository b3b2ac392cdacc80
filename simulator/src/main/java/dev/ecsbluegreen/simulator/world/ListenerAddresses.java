package dev.ecsbluegreen.simulator.world;

/**
 * Where the world's listeners are served: the host every load balancer's DNS name stands for, and
 * each listener's port. The data plane implements it with the loopback ports it opened.
 */
public interface ListenerAddresses {

  /** The host name a load balancer's DNS name is: it resolves to the data plane's address. */
  String host();

  /** The port a listener is served on, or -1 when the data plane opened no ports. */
  int port(String listenerArn);
}
