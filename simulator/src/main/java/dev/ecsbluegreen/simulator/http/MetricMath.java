package dev.ecsbluegreen.simulator.http;

import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Function;

/**
 * The small part of CloudWatch metric math the simulator evaluates: numbers, query ids, {@code + -
 * * /}, unary minus, parentheses and {@code FILL(series, number)}. Enough for a 5xx ratio ({@code
 * FILL(m2, 0) / m1 * 100}); anything else is refused rather than guessed.
 */
final class MetricMath {

  /** A parse or evaluation failure, worded for the caller. */
  static final class InvalidExpression extends RuntimeException {
    InvalidExpression(String message) {
      super(message, null, false, false);
    }
  }

  /** A value during evaluation: a number, or a series of datapoints by timestamp. */
  sealed interface Value permits Scalar, Series {}

  record Scalar(double value) implements Value {}

  record Series(NavigableMap<Instant, Double> points) implements Value {}

  /** What an expression can see: other queries' series, and the window's timestamps for FILL. */
  record Scope(Function<String, Series> series, List<Instant> grid) {}

  /** A parsed expression. */
  interface Node {
    Value evaluate(Scope scope);
  }

  private final String text;
  private int pos;

  private MetricMath(String text) {
    this.text = text;
  }

  static Node parse(String expression) {
    var parser = new MetricMath(expression);
    Node node = parser.sum();
    parser.skipSpaces();
    if (parser.pos < expression.length()) {
      throw new InvalidExpression(
          "Unexpected '%s' at position %d".formatted(expression.charAt(parser.pos), parser.pos));
    }
    return node;
  }

  private Node sum() {
    Node left = product();
    while (true) {
      if (take('+')) {
        left = binary(left, product(), Double::sum);
      } else if (take('-')) {
        left = binary(left, product(), (a, b) -> a - b);
      } else {
        return left;
      }
    }
  }

  private Node product() {
    Node left = unary();
    while (true) {
      if (take('*')) {
        left = binary(left, unary(), (a, b) -> a * b);
      } else if (take('/')) {
        left = binary(left, unary(), (a, b) -> a / b);
      } else {
        return left;
      }
    }
  }

  private Node unary() {
    if (take('-')) {
      Node operand = unary();
      return binary(scope -> new Scalar(0), operand, (a, b) -> a - b);
    }
    return primary();
  }

  private Node primary() {
    skipSpaces();
    if (take('(')) {
      Node inner = sum();
      expect(')');
      return inner;
    }
    if (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
      double number = number();
      return scope -> new Scalar(number);
    }
    String name = word();
    if (name.isEmpty()) {
      throw new InvalidExpression(
          pos < text.length()
              ? "Unexpected '%s' at position %d".formatted(text.charAt(pos), pos)
              : "Unexpected end of expression");
    }
    if (take('(')) {
      return function(name);
    }
    if (!Character.isLowerCase(name.charAt(0))) {
      throw new InvalidExpression("Unrecognized token '%s'".formatted(name));
    }
    return scope -> scope.series().apply(name);
  }

  private Node function(String name) {
    if (!name.equals("FILL")) {
      throw new InvalidExpression("Unsupported function '%s'".formatted(name));
    }
    Node series = sum();
    expect(',');
    skipSpaces();
    boolean negative = take('-');
    double fill = negative ? -number() : number();
    expect(')');
    return scope -> {
      if (!(series.evaluate(scope) instanceof Series s)) {
        throw new InvalidExpression("FILL needs a time series as its first argument");
      }
      var filled = new TreeMap<Instant, Double>();
      scope.grid().forEach(at -> filled.put(at, s.points().getOrDefault(at, fill)));
      return new Series(filled);
    };
  }

  /**
   * Applies an operator point by point. Two series combine only where both have a datapoint, as in
   * CloudWatch; a result that is not a finite number (a division by zero) is left out.
   */
  private static Node binary(Node left, Node right, DoubleBinaryOperator op) {
    return scope -> {
      Value a = left.evaluate(scope);
      Value b = right.evaluate(scope);
      if (a instanceof Scalar x && b instanceof Scalar y) {
        return new Scalar(op.applyAsDouble(x.value(), y.value()));
      }
      var out = new TreeMap<Instant, Double>();
      var timestamps = a instanceof Series s ? s.points().keySet() : ((Series) b).points().keySet();
      for (Instant at : timestamps) {
        Double x = valueAt(a, at);
        Double y = valueAt(b, at);
        if (x != null && y != null) {
          double result = op.applyAsDouble(x, y);
          if (Double.isFinite(result)) {
            out.put(at, result);
          }
        }
      }
      return new Series(out);
    };
  }

  private static Double valueAt(Value value, Instant at) {
    return value instanceof Scalar s
        ? Double.valueOf(s.value())
        : ((Series) value).points().get(at);
  }

  private double number() {
    int start = pos;
    while (pos < text.length()
        && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
      pos++;
    }
    try {
      return Double.parseDouble(text.substring(start, pos));
    } catch (NumberFormatException e) {
      throw new InvalidExpression(
          "Invalid number '%s' at position %d".formatted(text.substring(start, pos), start));
    }
  }

  private String word() {
    int start = pos;
    while (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private boolean take(char c) {
    skipSpaces();
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!take(c)) {
      throw new InvalidExpression("Expected '%s' at position %d".formatted(c, pos));
    }
  }

  private void skipSpaces() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }
}
