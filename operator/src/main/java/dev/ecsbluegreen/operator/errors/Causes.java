package dev.ecsbluegreen.operator.errors;

import com.google.common.base.Throwables;
import java.util.Optional;

/** Looks through a failure's chain of causes, where the wrapper rarely says what went wrong. */
public final class Causes {
  private Causes() {}

  /** The first of the failure and its causes that is a {@code type}. */
  public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
    return Throwables.getCausalChain(failure).stream()
        .filter(type::isInstance)
        .map(type::cast)
        .findFirst();
  }

  /** The innermost cause, or the failure itself when it has none. */
  public static Throwable root(Throwable failure) {
    return Throwables.getRootCause(failure);
  }
}
