package dev.ecsbluegreen.operator.cli;

/**
 * An option's value parses but makes no sense (a poll of 0 seconds): wrong usage, exit code 2, like
 * a value that does not parse at all.
 */
final class BadOptionException extends IllegalArgumentException {
  BadOptionException(String message) {
    super(message);
  }
}
