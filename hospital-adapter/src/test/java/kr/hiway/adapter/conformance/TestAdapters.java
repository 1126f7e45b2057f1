package kr.hiway.adapter.conformance;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import kr.hiway.adapter.example.jdbc.JdbcHospitalSource;
import kr.hiway.adapter.example.jdbc.SampleEmr;
import kr.hiway.vocabulary.LinkageToken;

/**
 * Shared fixtures of the conformance tests: one kit per test JVM (its validator takes seconds to
 * build), and the sample EMR's source under a fixed test key.
 */
public final class TestAdapters {

  /** Generous, so that a loaded build machine does not fail the passing runs. */
  public static final Duration BUDGET = Duration.ofSeconds(5);

  private static Conformance kit;

  private TestAdapters() {}

  public static synchronized Conformance kit() {
    if (kit == null) {
      kit = new Conformance(FhirContext.forR4());
    }
    return kit;
  }

  public static FhirContext fhir() {
    return FhirContext.forR4Cached();
  }

  /** A test linkage key: SHA-256 of a fixed label (32 bytes). */
  public static byte[] linkageKey() {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest("hiway-test-linkage:sample-emr".getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static LinkageToken linkage() {
    return LinkageToken.withKey(linkageKey());
  }

  /** A fresh sample EMR behind its JDBC source. */
  public static JdbcHospitalSource sampleEmr() throws Exception {
    return new JdbcHospitalSource(SampleEmr.create(), "sample-emr", linkage());
  }

  public static String testPersonToken() {
    return linkage().of(SampleEmr.TEST_PERSON_RESIDENT_NO);
  }

  /** The sample EMR's test person at that adapter. */
  public static Conformance.Target target(URI base, Duration budget) {
    return Conformance.Target.of(base, linkage(), SampleEmr.TEST_PERSON_RESIDENT_NO, budget);
  }
}
