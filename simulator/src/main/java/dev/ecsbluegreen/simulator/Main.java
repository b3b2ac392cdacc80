package dev.ecsbluegreen.simulator;

import dev.ecsbluegreen.simulator.world.ScaledClock;
import dev.ecsbluegreen.simulator.world.World;
import dev.ecsbluegreen.simulator.world.WorldLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the simulator on its own: {@code java -jar ecs-bluegreen-simulator-<v>-all.jar ...}. */
@Command(
    name = "ecs-bluegreen-simulator",
    mixinStandardHelpOptions = true,
    version = "ecs-bluegreen-simulator 0.1.0",
    description = {
      "A small AWS (CodeDeploy, ECS, STS) on the real wire protocol, on loopback.",
      "Point AWS clients at http://127.0.0.1:<port> (e.g. AWS_ENDPOINT_URL)."
    },
    sortOptions = false)
public final class Main implements Callable<Integer> {

  @Option(
      names = "--port",
      defaultValue = "4566",
      description =
          "Loopback port of the AWS endpoint (0 picks a free one). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--world", description = "World file (YAML). Default: an empty world.")
  Path world;

  @Option(
      names = "--time-scale",
      description =
          "Simulated seconds per wall-clock second: 60 makes a simulated minute last one second."
              + " Default: 1 (real time).")
  Double timeScale;

  @Option(
      names = "--minute-ms",
      description =
          "Wall-clock milliseconds one simulated minute lasts (alternative to --time-scale).")
  Double minuteMillis;

  @Option(
      names = "--log-calls",
      description = "Print every API call (time, caller, operation, outcome).")
  boolean logCalls;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setExecutionExceptionHandler(
            (e, cmd, parseResult) -> {
              cmd.getErr().println("error: " + e.getMessage());
              return 1;
            });
  }

  @Override
  public Integer call() throws InterruptedException {
    if (timeScale != null && minuteMillis != null) {
      throw new IllegalArgumentException("give either --time-scale or --minute-ms, not both");
    }
    if ((timeScale != null && !(timeScale > 0)) || (minuteMillis != null && !(minuteMillis > 0))) {
      throw new IllegalArgumentException("the time scale must be a positive number");
    }
    World loaded = world == null ? World.empty() : WorldLoader.load(world);
    ScaledClock clock =
        minuteMillis != null
            ? ScaledClock.minuteLasts(minuteMillis)
            : ScaledClock.ofSpeed(timeScale == null ? 1.0 : timeScale);
    Simulator sim = Simulator.start(loaded, clock, port);
    PrintWriter out = new PrintWriter(System.out, true);
    out.printf(
        "AWS endpoint %s (CodeDeploy, ECS, STS), account %s, region %s, %s simulated seconds per"
            + " second%n",
        sim.endpoint(), sim.accountId(), sim.region(), clock.speed());
    for (var lb : loaded.loadBalancers()) {
      out.printf("Load balancer %s, target groups %s%n", lb.name(), lb.targetGroups());
      for (var kind : World.ListenerKind.values()) {
        out.printf(
            "  %-10s listener http://127.0.0.1:%d  %s%n",
            kind.name().toLowerCase(java.util.Locale.ROOT),
            sim.listenerPort(lb.name(), kind),
            sim.listenerArn(lb.name(), kind));
      }
    }
    if (logCalls) {
      sim.callLog()
          .onCall(
              c ->
                  out.printf(
                      "%s %-10s %-24s %-40s %s%n",
                      c.at(), c.service(), c.principal(), c.operation(), c.outcome()));
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sim.close();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }
}
