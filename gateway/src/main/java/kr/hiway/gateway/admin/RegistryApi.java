package kr.hiway.gateway.admin;

import java.util.List;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.registry.HospitalRegistry;
import kr.hiway.vocabulary.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's view of the registry (JSON; operator role): every hospital with its status, and
 * disabling or enabling one. A disabled hospital is not called from the next request on.
 */
@RestController
class RegistryApi {

  private static final Logger log = LoggerFactory.getLogger(RegistryApi.class);

  private final HospitalStatuses statuses;
  private final HospitalRegistry registry;

  RegistryApi(HospitalStatuses statuses, HospitalRegistry registry) {
    this.statuses = statuses;
    this.registry = registry;
  }

  @GetMapping("/admin/hospitals")
  List<HospitalStatus> all() {
    return statuses.all();
  }

  @GetMapping("/admin/hospitals/{code}")
  HospitalStatus one(@PathVariable String code) {
    return statuses.one(code).orElseThrow(() -> unknown(code));
  }

  @PostMapping("/admin/hospitals/{code}/disable")
  HospitalStatus disable(@PathVariable String code) {
    return set(code, false);
  }

  @PostMapping("/admin/hospitals/{code}/enable")
  HospitalStatus enable(@PathVariable String code) {
    return set(code, true);
  }

  private HospitalStatus set(String code, boolean enabled) {
    if (!registry.setEnabled(code, enabled)) {
      throw unknown(code);
    }
    log.info("hospital {} {}", code, enabled ? "enabled" : "disabled");
    return statuses.one(code).orElseThrow(() -> unknown(code));
  }

  private static GatewayException unknown(String code) {
    return new GatewayException(ErrorCode.NOT_FOUND, "No hospital " + code + " is registered.");
  }
}
