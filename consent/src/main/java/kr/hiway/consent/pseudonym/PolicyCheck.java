package kr.hiway.consent.pseudonym;

import java.util.Map;
import java.util.Set;

/**
 * Checks a profile's {@link ReleasePolicy} against its rules: every quasi-identifier names an
 * element the profile releases, and the place level agrees with what addresses keep. Stateless.
 */
final class PolicyCheck {

  /** The address parts below the province, which a province-level profile may not keep. */
  private static final Set<String> BELOW_PROVINCE = Set.of("city", "district");

  private PolicyCheck() {}

  static void check(DeidentificationProfile profile, Set<String> problems) {
    ReleasePolicy policy = profile.policy();
    for (String quasi : policy.quasiIdentifiers()) {
      int dot = quasi.indexOf('.');
      String type = quasi.substring(0, dot);
      String path = quasi.substring(dot + 1);
      Map<String, ProfileAction> rules = profile.rules(type);
      if (rules.isEmpty()) {
        problems.add("quasiIdentifiers: " + quasi + " names a type the profile has no rules for");
      } else if (!released(rules, path)) {
        problems.add("quasiIdentifiers: " + quasi + " is not an element the profile releases");
      }
    }
    for (String type : profile.resourceTypes()) {
      profile
          .rules(type)
          .forEach((path, action) -> {
            String last = path.substring(path.lastIndexOf('.') + 1);
            if (path.contains("address.")
                && BELOW_PROVINCE.contains(last)
                && action != ProfileAction.REMOVE) {
              problems.add(
                  "places is 'province' but "
                      + type
                      + "."
                      + path
                      + " is kept; remove it or list only address.state");
            }
          });
    }
  }

  /** Whether the path, or some part of it, is listed with an action that releases something. */
  private static boolean released(Map<String, ProfileAction> rules, String path) {
    return rules.entrySet().stream()
        .anyMatch(e ->
            (e.getKey().equals(path) || e.getKey().startsWith(path + "."))
                && e.getValue() != ProfileAction.REMOVE);
  }
}
