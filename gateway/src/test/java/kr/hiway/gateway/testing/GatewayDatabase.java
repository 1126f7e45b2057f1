package kr.hiway.gateway.testing;

import kr.hiway.consent.testing.PostgresDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a gateway test's data source at its own PostgreSQL database. */
public final class GatewayDatabase {

  private GatewayDatabase() {}

  /** For a test's {@code @DynamicPropertySource}. */
  public static void register(PostgresDatabase db, DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", db::jdbcUrl);
    registry.add("spring.datasource.username", db::user);
    registry.add("spring.datasource.password", () -> "");
  }
}
