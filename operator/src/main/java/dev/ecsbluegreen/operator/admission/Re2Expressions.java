package dev.ecsbluegreen.operator.admission;

import com.google.re2j.Pattern;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;

/**
 * Regular expressions the way the API server runs them: Go's RE2, which refuses constructs Java
 * accepts (repeat counts above 1000, backreferences, lookaround). A {@code pattern} Java alone
 * understands fails here when the schema is loaded, as the API server would refuse the CRD.
 */
final class Re2Expressions implements RegularExpressionFactory {
  static final Re2Expressions INSTANCE = new Re2Expressions();

  private Re2Expressions() {}

  @Override
  public RegularExpression getRegularExpression(String regex) {
    // Like Go's regexp.MatchString, a pattern matches anywhere unless it is anchored.
    Pattern pattern = Pattern.compile(regex);
    return value -> pattern.matcher(value).find();
  }
}
