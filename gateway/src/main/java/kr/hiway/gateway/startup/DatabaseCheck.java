package kr.hiway.gateway.startup;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

/**
 * Opens one connection to a PostgreSQL database before any bean exists, so that a wrong URL, an
 * unreachable server or refused credentials stop the start in a few seconds with one line naming
 * the setting, rather than after the demo network has started and as a long trace from the
 * connection pool. A URL no driver accepts is refused likewise. The embedded H2 database (the
 * demo's) is not opened here: it is a local file that Flyway opens a moment later.
 */
class DatabaseCheck implements ApplicationListener<ApplicationPreparedEvent> {

  /** Seconds to wait for the server: long enough for a slow network, short for an operator. */
  private static final String TIMEOUT_SECONDS = "5";

  @Override
  public void onApplicationEvent(ApplicationPreparedEvent event) {
    Binder settings = Binder.get(event.getApplicationContext().getEnvironment());
    String url = settings.bind(DatabaseProblems.URL, String.class).map(String::strip).orElse("");
    if (url.isEmpty() || url.startsWith("jdbc:h2:")) {
      return;
    }
    Driver driver;
    try {
      driver = DriverManager.getDriver(url);
    } catch (SQLException e) {
      throw DatabaseProblems.badUrl(url);
    }
    if (!url.startsWith("jdbc:postgresql:")) {
      return;
    }
    Properties properties = new Properties();
    properties.setProperty("connectTimeout", TIMEOUT_SECONDS);
    properties.setProperty("loginTimeout", TIMEOUT_SECONDS);
    settings
        .bind(DatabaseProblems.USERNAME, String.class)
        .ifBound(user -> properties.setProperty("user", user));
    settings
        .bind(DatabaseProblems.PASSWORD, String.class)
        .ifBound(password -> properties.setProperty("password", password));
    try (Connection connection = driver.connect(url, properties)) {
      if (connection == null) {
        throw DatabaseProblems.badUrl(url);
      }
    } catch (SQLException e) {
      throw DatabaseProblems.of(url, e);
    }
  }
}
