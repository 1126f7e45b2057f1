package kr.hiway.gateway.audit;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

  /**
   * The refusals' audit: at most {@code hiway.audit.refusal-queue} (10,000) refusals wait for the
   * writer; a flood beyond that is counted, not queued.
   */
  @Bean
  RefusalAudit refusalAudit(
      AuditTrail trail,
      MeterRegistry meters,
      @Value("${hiway.audit.refusal-queue:10000}") int capacity) {
    return new RefusalAudit(trail, capacity, trail::insertAll, meters);
  }
}
