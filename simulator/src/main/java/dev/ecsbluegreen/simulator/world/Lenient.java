package dev.ecsbluegreen.simulator.world;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Reads enum values written by people: any case, with or without underscores or dashes. */
final class Lenient {

  private Lenient() {}

  static <E extends Enum<E>> E parse(Class<E> type, String text) {
    String wanted = squash(text);
    for (E value : type.getEnumConstants()) {
      if (squash(value.name()).equals(wanted)) {
        return value;
      }
    }
    throw new IllegalArgumentException(
        "'%s' is not one of %s"
            .formatted(
                text,
                Arrays.stream(type.getEnumConstants())
                    .map(e -> e.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "))));
  }

  private static String squash(String text) {
    return text == null ? "" : text.replaceAll("[_\\-\\s]", "").toLowerCase(Locale.ROOT);
  }
}
