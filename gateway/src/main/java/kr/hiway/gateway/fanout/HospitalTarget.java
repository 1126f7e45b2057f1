package kr.hiway.gateway.fanout;

import java.net.URI;
import java.util.Objects;
import kr.hiway.vocabulary.LinkageToken;

/**
 * Where and how to reach one hospital for one request.
 *
 * <p>Immutable and thread-safe. No component may be null.
 *
 * @param code the hospital's code ({@code [a-z0-9][a-z0-9-]{0,39}}, so never a dot)
 * @param baseUrl the adapter's FHIR base, {@code http} or {@code https}, without query or fragment,
 *     such as {@code http://10.0.0.7:8080/fhir}
 * @param linkage the token maker under the key shared with this hospital
 */
public record HospitalTarget(String code, URI baseUrl, LinkageToken linkage) {

  public HospitalTarget {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(linkage, "linkage");
    if (!GlobalIds.isHospitalCode(code)) {
      throw new IllegalArgumentException("a hospital code is lower-case letters, digits and '-'");
    }
    String scheme = baseUrl.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException("a hospital base URL is http or https");
    }
    if (baseUrl.isOpaque()
        || baseUrl.getHost() == null
        || baseUrl.getRawUserInfo() != null
        || baseUrl.getRawQuery() != null
        || baseUrl.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "a hospital base URL has a host and no user info, query or fragment");
    }
  }
}
