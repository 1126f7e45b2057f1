package kr.hiway.adapter.example.jdbc;

import ca.uhn.fhir.context.FhirContext;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import kr.hiway.adapter.server.AdapterHost;
import kr.hiway.adapter.server.AdapterServlet;
import kr.hiway.adapter.server.Latency;
import kr.hiway.vocabulary.LinkageToken;

/**
 * Serves the sample EMR through the adapter, the way a hospital would serve its own:
 *
 * <pre>
 * java ... kr.hiway.adapter.example.jdbc.JdbcExampleMain [--port 8090] [--linkage-key BASE64]
 * </pre>
 *
 * <p>Without {@code --linkage-key} a random key is made and printed; a real adapter gets its key
 * from the gateway's operators, out of band, and reads it from a secret store.
 */
public final class JdbcExampleMain {

  static final String HOSPITAL_CODE = "sample-emr";

  private JdbcExampleMain() {}

  public static void main(String[] args) throws Exception {
    int port = 8090;
    String key = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(value(args, ++i));
        case "--linkage-key" -> key = value(args, ++i);
        default -> {
          System.err.println("usage: JdbcExampleMain [--port N] [--linkage-key BASE64]");
          System.exit(2);
        }
      }
    }
    if (key == null) {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      key = Base64.getEncoder().encodeToString(random);
    }
    LinkageToken linkage = LinkageToken.withKey(Base64.getDecoder().decode(key));

    JdbcHospitalSource source = new JdbcHospitalSource(SampleEmr.create(), HOSPITAL_CODE, linkage);
    AdapterServlet servlet =
        new AdapterServlet(FhirContext.forR4Cached(), HOSPITAL_CODE, source, Latency.NONE);
    AdapterHost host =
        AdapterHost.start(
            "127.0.0.1", List.of(new AdapterHost.Mount(HOSPITAL_CODE, port, servlet)));

    System.out.println("sample EMR adapter at " + host.baseUrl(HOSPITAL_CODE));
    System.out.println("linkage key (base64):  " + key);
    System.out.println("test person:           " + SampleEmr.TEST_PERSON_RESIDENT_NO);
    System.out.println("check it with:");
    System.out.println(
        "  ... kr.hiway.adapter.conformance.ConformanceKit --base-url "
            + host.baseUrl(HOSPITAL_CODE)
            + " --linkage-key "
            + key
            + " --national-id "
            + SampleEmr.TEST_PERSON_RESIDENT_NO);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(host)));
    new CountDownLatch(1).await();
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      System.err.println(args[i - 1] + " needs a value");
      System.exit(2);
    }
    return args[i];
  }

  private static void closeQuietly(AdapterHost host) {
    try {
      host.close();
    } catch (Exception e) {
      // shutting down anyway
    }
  }
}
