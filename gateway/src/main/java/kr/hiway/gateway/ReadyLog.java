package kr.hiway.gateway;

import kr.hiway.gateway.security.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says, once everything (the demo set-up included) has run, where the API is. */
@Component
class ReadyLog {

  private static final Logger log = LoggerFactory.getLogger(ReadyLog.class);

  private final SecurityProperties security;

  ReadyLog(SecurityProperties security) {
    this.security = security;
  }

  @EventListener(ApplicationReadyEvent.class)
  void ready() {
    log.info(
        "gateway ready: FHIR API at {}, SMART discovery at {}/.well-known/smart-configuration",
        security.fhirBase(),
        security.fhirBase());
  }
}
