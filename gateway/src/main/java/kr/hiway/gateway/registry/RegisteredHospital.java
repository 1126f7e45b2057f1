package kr.hiway.gateway.registry;

import java.net.URI;
import java.util.Objects;
import kr.hiway.vocabulary.Hospital;

/**
 * A hospital as the gateway knows it: who it is, where its adapter answers, and whether the gateway
 * may call it.
 */
public record RegisteredHospital(Hospital hospital, URI baseUrl, boolean enabled) {

  public RegisteredHospital {
    Objects.requireNonNull(hospital, "hospital");
    Objects.requireNonNull(baseUrl, "baseUrl");
  }

  public String code() {
    return hospital.code();
  }
}
