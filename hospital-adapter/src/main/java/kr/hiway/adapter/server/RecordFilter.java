package kr.hiway.adapter.server;

import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import kr.hiway.vocabulary.ErrorCode;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;

/**
 * The search parameters of one request as a predicate over records. Unsupported forms (token
 * modifiers, the {@code ne}, {@code sa}, {@code eb} and {@code ap} date prefixes) are refused with
 * a 400 rather than ignored, because ignoring a filter returns more than was asked for.
 */
record RecordFilter(
    DateRangeParam date,
    TokenOrListParam category,
    TokenOrListParam code,
    DateRangeParam lastUpdated)
    implements Predicate<Resource> {

  private static final Set<ParamPrefixEnum> PREFIXES =
      EnumSet.of(
          ParamPrefixEnum.EQUAL,
          ParamPrefixEnum.GREATERTHAN,
          ParamPrefixEnum.GREATERTHAN_OR_EQUALS,
          ParamPrefixEnum.LESSTHAN,
          ParamPrefixEnum.LESSTHAN_OR_EQUALS);

  RecordFilter {
    checkDates("date", date);
    checkDates("_lastUpdated", lastUpdated);
    checkTokens("category", category);
    checkTokens("code", code);
  }

  @Override
  public boolean test(Resource r) {
    return within(date, Facets.date(r))
        && within(lastUpdated, r.getMeta().getLastUpdated())
        && matches(category, Facets.categories(r))
        && matches(code, Facets.codes(r));
  }

  private static boolean within(DateRangeParam range, Date value) {
    if (range == null) {
      return true;
    }
    if (value == null) {
      return false;
    }
    Date lower = range.getLowerBoundAsInstant();
    Date upper = range.getUpperBoundAsInstant();
    return (lower == null || !value.before(lower)) && (upper == null || !value.after(upper));
  }

  private static boolean matches(TokenOrListParam tokens, List<Coding> codings) {
    if (tokens == null) {
      return true;
    }
    for (TokenParam token : tokens.getValuesAsQueryTokens()) {
      for (Coding coding : codings) {
        if (matches(token, coding)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean matches(TokenParam token, Coding coding) {
    if (!token.getValueNotNull().equals(coding.getCode())) {
      return false;
    }
    String system = token.getSystem();
    if (system == null) {
      return true; // "code": any system
    }
    if (system.isEmpty()) {
      return !coding.hasSystem(); // "|code": no system
    }
    return system.equals(coding.getSystem());
  }

  private static void checkDates(String name, DateRangeParam range) {
    if (range == null) {
      return;
    }
    for (DateParam bound : new DateParam[] {range.getLowerBound(), range.getUpperBound()}) {
      if (bound != null && bound.getPrefix() != null && !PREFIXES.contains(bound.getPrefix())) {
        throw new AdapterException(
            ErrorCode.ADAPTER_UNSUPPORTED_MODIFIER,
            name + ": only the eq, gt, ge, lt and le prefixes are supported");
      }
    }
  }

  private static void checkTokens(String name, TokenOrListParam tokens) {
    if (tokens == null) {
      return;
    }
    for (TokenParam token : tokens.getValuesAsQueryTokens()) {
      if (token.getModifier() != null) {
        throw new AdapterException(
            ErrorCode.ADAPTER_UNSUPPORTED_MODIFIER, name + ": modifiers are not supported");
      }
      if (token.getValueNotNull().isEmpty()) {
        throw new AdapterException(
            ErrorCode.ADAPTER_INVALID_PARAMETER, name + ": a code is required");
      }
    }
  }
}
