package kr.hiway.gateway.demo;

import java.net.URI;
import java.security.cert.X509Certificate;
import kr.hiway.gateway.registry.HospitalRegistry;
import kr.hiway.vocabulary.Hospital;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Registers the demo's hospitals and records their certificates. Doing it again with the same
 * address and certificate changes nothing, so that every instance of a cluster, all on one
 * database, does it at its start; two instances doing it at the same moment are fine too.
 * Thread-safe.
 */
@Component
class DemoHospitals {

  private final HospitalRegistry registry;
  private final DemoCertificates certificates;

  DemoHospitals(HospitalRegistry registry, DemoCertificates certificates) {
    this.registry = registry;
    this.certificates = certificates;
  }

  /**
   * Registers a hospital at {@code baseUrl} unless it is registered there already, and records its
   * adapter's certificate, if it has one (null: plain HTTP).
   */
  void register(Hospital hospital, URI baseUrl, X509Certificate certificate) {
    boolean there =
        registry
            .byCode(hospital.code())
            .filter(r -> r.hospital().equals(hospital) && r.baseUrl().equals(baseUrl))
            .isPresent();
    if (!there) {
      try {
        registry.register(hospital, baseUrl);
      } catch (DuplicateKeyException insertedMeanwhile) {
        // Another instance inserted the row between this one's update and insert: update it now.
        registry.register(hospital, baseUrl);
      }
    }
    if (certificate != null) {
      certificates.record(hospital.code(), certificate);
    }
  }
}
