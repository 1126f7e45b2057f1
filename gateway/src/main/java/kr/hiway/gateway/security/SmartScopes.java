package kr.hiway.gateway.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SMART on FHIR resource scopes of a token ({@code patient/Observation.rs}, {@code
 * patient/*.read}, {@code system/*.rs}), and what they allow.
 *
 * <p>Both SMART v2 permissions ({@code .cruds} in that order, any subset) and v1 ones ({@code
 * .read}, {@code .write}, {@code .*}) are understood. A scope with a query ({@code
 * patient/Observation.rs?category=laboratory}) grants nothing here: this gateway does not enforce
 * such narrowing, so honouring it would grant more than was meant. Immutable and thread-safe.
 */
public final class SmartScopes {

  /** The level a resource scope is granted at. */
  public enum Level {
    PATIENT,
    USER,
    SYSTEM
  }

  /** What a resource scope permits on its type: SMART v2's {@code c r u d s}. */
  public enum Permission {
    CREATE('c'),
    READ('r'),
    UPDATE('u'),
    DELETE('d'),
    SEARCH('s');

    private final char letter;

    Permission(char letter) {
      this.letter = letter;
    }

    static Permission of(char letter) {
      for (Permission p : values()) {
        if (p.letter == letter) {
          return p;
        }
      }
      throw new IllegalArgumentException("not a SMART permission: " + letter);
    }
  }

  private record Grant(Level level, String type, Set<Permission> permissions) {}

  private static final Pattern RESOURCE_SCOPE =
      Pattern.compile("(patient|user|system)/([A-Za-z]+|\\*)\\.(read|write|\\*|c?r?u?d?s?)");

  private final List<Grant> grants;

  private SmartScopes(List<Grant> grants) {
    this.grants = grants;
  }

  /** Parses scope strings; anything that is not a resource scope is ignored. */
  public static SmartScopes parse(Collection<String> scopes) {
    return new SmartScopes(
        scopes.stream().map(SmartScopes::grantOf).filter(g -> g != null).toList());
  }

  private static Grant grantOf(String scope) {
    Matcher m = RESOURCE_SCOPE.matcher(scope);
    if (!m.matches() || m.group(3).isEmpty()) {
      return null;
    }
    Level level = Level.valueOf(m.group(1).toUpperCase(Locale.ROOT));
    String permissions =
        switch (m.group(3)) {
          case "read" -> "rs";
          case "write" -> "cud";
          case "*" -> "cruds";
          default -> m.group(3);
        };
    Set<Permission> granted = EnumSet.noneOf(Permission.class);
    permissions.chars().forEach(c -> granted.add(Permission.of((char) c)));
    return new Grant(level, m.group(2), granted);
  }

  /** Whether any scope of this level grants permission {@code p} on {@code resourceType}. */
  public boolean allows(Level level, String resourceType, Permission p) {
    for (Grant g : grants) {
      if (g.level() == level
          && (g.type().equals("*") || g.type().equals(resourceType))
          && g.permissions().contains(p)) {
        return true;
      }
    }
    return false;
  }

  /** Whether any resource scope is at this level. */
  public boolean hasLevel(Level level) {
    return grants.stream().anyMatch(g -> g.level() == level);
  }
}
