package dev.ecsbluegreen.simulator.http;

/** Text inside the XML answers of the query-protocol APIs. */
final class Xml {
  private Xml() {}

  static String escape(String text) {
    return text == null
        ? ""
        : text.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\"", "&quot;");
  }
}
