package dev.ecsbluegreen.simulator.http;

import dev.ecsbluegreen.simulator.world.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Pagination with opaque tokens. A token is the position to resume from, encoded so that callers
 * treat it as opaque; a token that does not decode is answered like AWS answers a stale one.
 */
final class Pages {

  /** One page of items and the token for the next, null on the last page. */
  record Page<T>(List<T> items, String nextToken) {}

  private Pages() {}

  static <T> Page<T> page(List<T> all, String token, int pageSize, String invalidTokenCode) {
    int from = token == null || token.isEmpty() ? 0 : decode(token, invalidTokenCode);
    if (from > all.size()) {
      throw AwsException.client(invalidTokenCode, "The next token is not valid");
    }
    int to = Math.min(all.size(), from + pageSize);
    String next = to < all.size() ? encode(to) : null;
    return new Page<>(all.subList(from, to), next);
  }

  /** A token that resumes after the item with this creation ordinal. */
  static String encodeOrdinal(long ordinal) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("sim-after:" + ordinal).getBytes(StandardCharsets.UTF_8));
  }

  static long decodeOrdinal(String token, String invalidTokenCode) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (!text.startsWith("sim-after:")) {
        throw new IllegalArgumentException(text);
      }
      return Long.parseLong(text.substring("sim-after:".length()));
    } catch (IllegalArgumentException e) {
      throw AwsException.client(invalidTokenCode, "The next token is not valid");
    }
  }

  private static String encode(int position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("sim-page:" + position).getBytes(StandardCharsets.UTF_8));
  }

  private static int decode(String token, String invalidTokenCode) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (!text.startsWith("sim-page:")) {
        throw new IllegalArgumentException(text);
      }
      return Integer.parseInt(text.substring("sim-page:".length()));
    } catch (IllegalArgumentException e) {
      throw AwsException.client(invalidTokenCode, "The next token is not valid");
    }
  }
}
