package dev.ecsbluegreen.simulator.world;

import java.util.Random;
import java.util.UUID;

/** Generates identifiers in AWS's formats from a seeded source, so runs are reproducible. */
public final class Ids {

  private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private final Random random;

  public Ids(long seed) {
    this.random = new Random(seed);
  }

  /** {@code d-} and nine upper-case letters or digits, as CodeDeploy deployment ids look. */
  public synchronized String deploymentId() {
    return "d-" + upperAlnum(9);
  }

  public synchronized String uuid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  /** {@code ecs-svc/} and 19 digits, as ECS task-set ids look. */
  public synchronized String taskSetId() {
    StringBuilder digits = new StringBuilder("ecs-svc/");
    digits.append(1 + random.nextInt(9));
    for (int i = 0; i < 18; i++) {
      digits.append(random.nextInt(10));
    }
    return digits.toString();
  }

  public synchronized String upperAlnum(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(UPPER_ALNUM.charAt(random.nextInt(UPPER_ALNUM.length())));
    }
    return out.toString();
  }

  public synchronized double nextDouble() {
    return random.nextDouble();
  }
}
