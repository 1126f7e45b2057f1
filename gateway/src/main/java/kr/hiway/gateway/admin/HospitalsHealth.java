package kr.hiway.gateway.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The hospitals in the actuator's health, one detail per hospital. The gateway is {@code DOWN} only
 * when no hospital can be called (every one disabled, unkeyed or behind an open breaker): one
 * failing hospital must not take the gateway out of its load balancer, since the others still
 * answer and the failure is reported in each Bundle.
 */
@Component("hospitals")
class HospitalsHealth implements HealthIndicator {

  private final HospitalStatuses statuses;

  HospitalsHealth(HospitalStatuses statuses) {
    this.statuses = statuses;
  }

  @Override
  public Health health() {
    List<HospitalStatus> all = statuses.all();
    Map<String, Object> details = new LinkedHashMap<>();
    long usable = 0;
    for (HospitalStatus s : all) {
      String state;
      if (!s.enabled()) {
        state = "DISABLED";
      } else if (!s.callable()) {
        state = "NOT_CALLABLE";
      } else if (s.breaker().equals("OPEN")) {
        state = "DOWN (circuit open)";
      } else if (Boolean.FALSE.equals(s.lastCallSucceeded())) {
        state = "FAILING (" + s.consecutiveFailures() + " in a row)";
        usable++;
      } else {
        state = "UP";
        usable++;
      }
      details.put(s.code(), state);
    }
    Health.Builder health = all.isEmpty() || usable > 0 ? Health.up() : Health.down();
    return health.withDetail("callable", usable).withDetails(details).build();
  }
}
