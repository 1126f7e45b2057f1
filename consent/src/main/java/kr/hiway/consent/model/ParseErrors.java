package kr.hiway.consent.model;

import ca.uhn.fhir.parser.ErrorHandlerAdapter;
import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;

/**
 * Collects what HAPI's parser finds wrong with the structure of a body, instead of letting it log a
 * warning and drop the element: an element the gateway silently dropped could have narrowed the
 * patient's grant. HAPI reports only the nearest element, so a problem below the top level names
 * the body ({@code Consent}) as its field and the element in its message.
 */
final class ParseErrors extends ErrorHandlerAdapter {

  private final Problems problems;

  ParseErrors(Problems problems) {
    this.problems = problems;
  }

  @Override
  public void unknownElement(IParserErrorHandler.IParseLocation location, String name) {
    add(location, name, "unknown element " + Problems.shown(name));
  }

  @Override
  public void unknownAttribute(IParserErrorHandler.IParseLocation location, String name) {
    add(location, name, "unknown attribute " + Problems.shown(name));
  }

  @Override
  public void invalidValue(IParserErrorHandler.IParseLocation location, String value, String err) {
    String element = parent(location);
    problems.add(
        element == null ? "Consent" : field(element),
        "invalid value" + (element == null ? "" : " for " + Problems.shown(element)));
  }

  @Override
  public void unexpectedRepeatingElement(IParserErrorHandler.IParseLocation location, String name) {
    add(location, name, Problems.shown(name) + " occurs more than once; R4 allows one");
  }

  @Override
  public void incorrectJsonType(
      IParserErrorHandler.IParseLocation location,
      String name,
      BaseJsonLikeValue.ValueType expected,
      BaseJsonLikeValue.ScalarType expectedScalar,
      BaseJsonLikeValue.ValueType found,
      BaseJsonLikeValue.ScalarType foundScalar) {
    add(location, name, Problems.shown(name) + " has the wrong JSON type");
  }

  @Override
  public void extensionContainsValueAndNestedExtensions(
      IParserErrorHandler.IParseLocation location) {
    problems.add("Consent", "an extension has both a value and nested extensions");
  }

  private void add(IParserErrorHandler.IParseLocation location, String name, String message) {
    String parent = parent(location);
    problems.add(
        parent == null ? "Consent." + name : "Consent",
        parent == null ? message : message + " inside " + Problems.shown(parent));
  }

  private static String field(String element) {
    // Only top-level elements can be placed exactly; HAPI does not report the path below.
    return switch (element) {
      case "status", "dateTime", "scope", "category", "patient", "policyRule", "provision" ->
          "Consent." + element;
      default -> "Consent";
    };
  }

  private static String parent(IParserErrorHandler.IParseLocation location) {
    return location == null ? null : location.getParentElementName();
  }
}
