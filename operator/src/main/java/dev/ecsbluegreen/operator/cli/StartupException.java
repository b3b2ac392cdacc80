package dev.ecsbluegreen.operator.cli;

/** A command cannot start, for a reason its message states fully, with what to do about it. */
final class StartupException extends RuntimeException {
  StartupException(String message) {
    super(message);
  }
}
