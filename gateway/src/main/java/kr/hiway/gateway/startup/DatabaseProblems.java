package kr.hiway.gateway.startup;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Why the database cannot be opened, in one line that starts with the setting to change and never
 * shows a password (a JDBC URL may carry one: only its host, port and database are shown).
 * Stateless.
 */
final class DatabaseProblems {

  static final String URL = "spring.datasource.url";
  static final String USERNAME = "spring.datasource.username";
  static final String PASSWORD = "spring.datasource.password";

  static final String ACTION =
      "Check "
          + URL
          + " (jdbc:postgresql://host:5432/database), "
          + USERNAME
          + " and "
          + PASSWORD
          + ", and that the database server is running and reachable from here"
          + " (docs/deployment.md).";

  private DatabaseProblems() {}

  /** For a URL no JDBC driver here accepts. */
  static BadSettingException badUrl(String url) {
    return new BadSettingException(
        URL,
        "no JDBC driver here accepts "
            + scheme(url)
            + " URL; PostgreSQL's read jdbc:postgresql://host:5432/database",
        ACTION);
  }

  /** For a connection that failed: what the driver or the server said, by the setting at fault. */
  static BadSettingException of(String url, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String where = where(url);
    if (String.valueOf(e.getMessage()).startsWith("No suitable driver")) {
      return badUrl(url);
    }
    if (state.startsWith("28")) {
      // 28P01 a wrong password, 28000 an unknown user or a client the server refuses.
      return new BadSettingException(
          state.equals("28P01") ? PASSWORD : USERNAME,
          "the database at " + where + " refused to sign in: " + firstLine(e),
          ACTION);
    }
    if (state.equals("3D000")) {
      return new BadSettingException(
          URL, "the database at " + where + " does not exist: " + firstLine(e), ACTION);
    }
    Throwable network = network(e);
    if (network instanceof UnknownHostException) {
      return new BadSettingException(
          URL, "cannot reach " + where + ": the host name is unknown", ACTION);
    }
    if (network instanceof ConnectException) {
      return new BadSettingException(
          URL, "cannot reach " + where + ": the connection was refused", ACTION);
    }
    if (network instanceof SocketTimeoutException || state.startsWith("08")) {
      return new BadSettingException(URL, "cannot reach " + where + ": " + firstLine(e), ACTION);
    }
    return new BadSettingException(
        URL,
        "the database at "
            + where
            + " cannot be opened: "
            + firstLine(e)
            + " (SQLState "
            + state
            + ")",
        ACTION);
  }

  /** Host, port and database of a server URL; for any other URL its scheme only. */
  static String where(String url) {
    if (url == null || url.isBlank()) {
      return "an empty URL";
    }
    int slashes = url.indexOf("://");
    if (slashes < 0) {
      return scheme(url) + " URL";
    }
    String rest = url.substring(slashes + 3);
    int query = indexOfAny(rest, "?;");
    if (query >= 0) {
      rest = rest.substring(0, query);
    }
    int at = rest.lastIndexOf('@'); // user:password@host, never shown
    return at >= 0 ? rest.substring(at + 1) : rest;
  }

  /** "a jdbc:h2" for jdbc:h2:file:…; never more of the URL than its scheme. */
  private static String scheme(String url) {
    if (url == null || url.isBlank()) {
      return "an empty";
    }
    int slashes = url.indexOf("://");
    int second = url.indexOf(':', url.indexOf(':') + 1);
    int end = slashes >= 0 && (second < 0 || slashes < second) ? slashes : second;
    return "a " + (end > 0 ? url.substring(0, end) : "non-JDBC");
  }

  private static Throwable network(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException
          || t instanceof ConnectException
          || t instanceof SocketTimeoutException) {
        return t;
      }
    }
    return null;
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage()).strip();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline).strip();
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
