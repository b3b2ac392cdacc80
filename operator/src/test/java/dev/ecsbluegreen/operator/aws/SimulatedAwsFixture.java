package dev.ecsbluegreen.operator.aws;

import dev.ecsbluegreen.operator.api.v1alpha1.AwsTarget;
import dev.ecsbluegreen.operator.fixtures.Lanes;
import dev.ecsbluegreen.simulator.Simulator;
import dev.ecsbluegreen.simulator.world.ManualClock;
import dev.ecsbluegreen.simulator.world.World;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * An in-process simulator (cluster {@code prod}, CODE_DEPLOY service {@code web} running {@code
 * web:1} behind {@code web-blue}, a load balancer with a test listener, hook functions, an alarm
 * and one assumable role) and the production {@link AwsSdkAccess} pointed at it over loopback with
 * dummy static credentials. Time moves only through {@link #advanceMinutes}.
 */
public final class SimulatedAwsFixture implements AutoCloseable {

  public static final String CLUSTER = "prod";
  public static final String SERVICE = "web";
  public static final String APP = "web-app";
  public static final String GROUP = "web-dg";
  public static final String ALARM = "web-5xx";
  public static final String ROLE = "arn:aws:iam::210987654321:role/release-deployer";
  public static final String SERVICE_ROLE = Lanes.SERVICE_ROLE;

  public final ManualClock clock = new ManualClock();
  public final Simulator sim;
  public final AwsSdkAccess access;
  public final AwsAccess.Gateways aws;

  public SimulatedAwsFixture() {
    this(AwsClientSettings.DEFAULT_MAX_ATTEMPTS);
  }

  public SimulatedAwsFixture(int maxAttempts) {
    sim = Simulator.start(world(), clock);
    access =
        new AwsSdkAccess(
            settingsFor(sim).withMaxAttempts(maxAttempts),
            List.of(),
            AwsGuards.unmetered(AwsGuardSettings.simulated(), clock.asJavaClock()));
    aws = access.forTarget(new AwsTarget("us-east-1", null, null));
  }

  /** Settings for a simulator: its endpoint for all services, dummy static credentials. */
  public static AwsClientSettings settingsFor(Simulator sim) {
    return AwsClientSettings.defaults("us-east-1")
        .withEndpointOverride(sim.endpoint())
        .withCredentials(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")));
  }

  static World world() {
    return Lanes.add(World.builder().cluster(CLUSTER), SERVICE)
        .function("CodeDeployHook_ok", World.Behaviour.SUCCEED)
        .function("CodeDeployHook_fail", World.Behaviour.FAIL)
        .alarm(ALARM)
        .role(ROLE)
        .build();
  }

  public String productionListener() {
    return sim.listenerArn("web-lb", World.ListenerKind.PRODUCTION);
  }

  public String testListener() {
    return sim.listenerArn("web-lb", World.ListenerKind.TEST);
  }

  /** The standard managed group: both listeners, no termination wait unless given. */
  public DeploymentGroupState group(
      int terminationWaitMinutes, String readyAction, Integer readyWaitMinutes) {
    return Lanes.group(sim, SERVICE, terminationWaitMinutes, readyAction, readyWaitMinutes);
  }

  /** Creates the ECS application and the group through the gateway under test. */
  public void createGroup(DeploymentGroupState group) {
    aws.deploymentGroups().ensureApplication(APP);
    aws.deploymentGroups().createGroup(group);
  }

  public void advanceMinutes(long minutes) {
    clock.advance(Duration.ofMinutes(minutes));
  }

  public long calls(String operation) {
    return sim.callLog().count(operation);
  }

  @Override
  public void close() {
    access.close();
    sim.close();
  }
}
