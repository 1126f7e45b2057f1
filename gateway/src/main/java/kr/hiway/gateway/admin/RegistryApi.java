package kr.hiway.gateway.admin;

import java.util.List;
import java.util.Optional;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.registry.HospitalRegistry;
import kr.hiway.gateway.registry.LinkageKeyring;
import kr.hiway.gateway.registry.ProvisionedLinkageKeys;
import kr.hiway.vocabulary.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
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
  private final ProvisionedLinkageKeys linkageKeys;
  private final LinkageKeyring keyring;

  RegistryApi(
      HospitalStatuses statuses,
      HospitalRegistry registry,
      ProvisionedLinkageKeys linkageKeys,
      LinkageKeyring keyring) {
    this.statuses = statuses;
    this.registry = registry;
    this.linkageKeys = linkageKeys;
    this.keyring = keyring;
  }

  /**
   * Makes the hospital's linkage key, shown in this answer only (never logged, never shown again),
   * and used by every instance from its next request. A hospital whose key is in the configuration
   * keeps it (409); one with a provisioned key gets a new one only with {@code replace=true}, as
   * the hospital's adapter must switch to it at the same moment.
   */
  @PostMapping("/admin/hospitals/{code}/linkage-key")
  ResponseEntity<ProvisionedLinkageKeys.Provisioned> provisionLinkageKey(
      @PathVariable String code,
      @RequestParam(defaultValue = "false") boolean replace,
      Authentication operator) {
    if (registry.byCode(code).isEmpty()) {
      throw unknown(code);
    }
    Optional<LinkageKeyring.Source> source = keyring.source(code);
    if (source.equals(Optional.of(LinkageKeyring.Source.CONFIGURED))) {
      throw new GatewayException(
          ErrorCode.LINKAGE_KEY_CONFLICT,
          "The linkage key of " + code + " is set in the configuration (hiway.linkage.keys).");
    }
    if (source.equals(Optional.of(LinkageKeyring.Source.PROVISIONED)) && !replace) {
      throw new GatewayException(
          ErrorCode.LINKAGE_KEY_CONFLICT,
          "Hospital " + code + " has a provisioned linkage key; replace=true makes a new one.");
    }
    ProvisionedLinkageKeys.Provisioned made = linkageKeys.provision(code, operator.getName());
    log.info("linkage key of hospital {} provisioned by {}", code, operator.getName());
    return ResponseEntity.status(HttpStatus.CREATED)
        .cacheControl(CacheControl.noStore())
        .body(made);
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
