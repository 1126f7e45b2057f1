package kr.hiway.gateway.startup;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import kr.hiway.consent.ledger.CheckpointSigner;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * What production needs configured before anything starts: the settings for which the demo would
 * otherwise make something up (an H2 database, a localhost issuer, fresh keys, a CA). Each problem
 * is one line that starts with the setting's name and never shows a secret's value.
 *
 * <p>Reads only; stateless and thread-safe.
 */
final class ProductionSettings {

  static final String DATASOURCE_URL = "spring.datasource.url";
  static final String ISSUER = "hiway.security.issuer";
  static final String JWKS = "hiway.security.jwks";
  static final String PAGING_KEY = "hiway.fhir.paging-key";
  static final String PSEUDONYM_MASTER_KEY = "hiway.pseudonym.master-key";
  static final String PII_KEY = "hiway.pii.key";
  static final String LEDGER_SIGNING_KEY = "hiway.ledger.signing-key";
  static final String PKI_KEYSTORE = "hiway.pki.keystore";
  static final String PKI_KEYSTORE_PASSWORD = "hiway.pki.keystore-password";
  static final String PKI_CA_CERTIFICATE = "hiway.pki.ca-certificate";
  static final String PKI_CA_KEY = "hiway.pki.ca-key";

  private static final int PAGING_KEY_BYTES = 32;
  private static final int MIN_PSEUDONYM_KEY_BYTES = 32;
  private static final int PII_KEY_BYTES = 32;

  private final Binder settings;
  private final List<String> problems = new ArrayList<>();

  private ProductionSettings(Binder settings) {
    this.settings = settings;
  }

  /** The problems, one line each, in a fixed order; empty when production may start. */
  static List<String> problems(Binder settings) {
    ProductionSettings check = new ProductionSettings(settings);
    check.datasource();
    check.issuer();
    check.jwks();
    check.base64Key(PAGING_KEY, PAGING_KEY_BYTES, true, "the key sealing page tokens");
    check.base64Key(
        PSEUDONYM_MASTER_KEY,
        MIN_PSEUDONYM_KEY_BYTES,
        false,
        "the master key research pseudonyms are derived from");
    check.base64Key(
        PII_KEY, PII_KEY_BYTES, true, "the key national identifiers are kept encrypted with");
    check.separateKeys();
    check.ledgerKey();
    check.certificateAuthority();
    return List.copyOf(check.problems);
  }

  private void datasource() {
    String url = value(DATASOURCE_URL);
    if (url == null) {
      problem(DATASOURCE_URL, "not set; production runs on PostgreSQL (jdbc:postgresql://…)");
    } else if (!url.startsWith("jdbc:postgresql:")) {
      // The scheme only: the rest of a JDBC URL may carry a password.
      problem(
          DATASOURCE_URL,
          "is a "
              + scheme(url)
              + " URL; production runs on PostgreSQL (jdbc:postgresql://…), the embedded H2"
              + " database is the demo's only");
    }
  }

  private void issuer() {
    String issuer = value(ISSUER);
    if (issuer == null) {
      problem(
          ISSUER,
          "not set; the gateway's public base URL (https://…): every token's iss, and the FHIR"
              + " base is {issuer}/fhir");
      return;
    }
    try {
      URI uri = new URI(issuer);
      boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
      if (!web || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
        problem(ISSUER, "must be an absolute http(s) URL with a host, no query and no fragment");
      }
    } catch (URISyntaxException e) {
      problem(ISSUER, "is not a URL");
    }
  }

  private void jwks() {
    String jwks = value(JWKS);
    if (jwks == null) {
      problem(
          JWKS,
          "not set; the JWK set tokens are signed with (a file, with the retired keys beside the"
              + " active one while they rotate)");
    } else if (!jwks.startsWith("{") && !jwks.startsWith("classpath:")) {
      // Production never creates the set: a file named here must already be there.
      file(JWKS, jwks.startsWith("file:") ? jwks.substring("file:".length()) : jwks);
    }
  }

  private void base64Key(String name, int bytes, boolean exact, String what) {
    String key = value(name);
    if (key == null) {
      problem(
          name,
          "not set; "
              + what
              + ", base64 of "
              + (exact ? "" : "at least ")
              + bytes
              + " random bytes");
      return;
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(key);
    } catch (IllegalArgumentException e) {
      problem(name, "is not base64");
      return;
    }
    if (exact ? raw.length != bytes : raw.length < bytes) {
      problem(
          name,
          "is "
              + raw.length
              + " bytes; it must be "
              + (exact ? "" : "at least ")
              + bytes
              + " bytes, base64");
    }
  }

  /** One key for two jobs would let either job's leak undo the other's protection. */
  private void separateKeys() {
    String pii = value(PII_KEY);
    if (pii != null && pii.equals(value(PSEUDONYM_MASTER_KEY))) {
      problem(PII_KEY, "is the pseudonym master key; it must be a key of its own");
    }
  }

  private void ledgerKey() {
    String key = value(LEDGER_SIGNING_KEY);
    if (key == null) {
      problem(
          LEDGER_SIGNING_KEY,
          "not set; the consent ledger's checkpoint signing key, a note private key"
              + " (PRIVATE+KEY+…)");
      return;
    }
    try {
      CheckpointSigner.parse(key);
    } catch (IllegalArgumentException e) {
      // The parser's messages name what is wrong, never the key itself.
      problem(LEDGER_SIGNING_KEY, "is not usable: " + e.getMessage());
    }
  }

  private void certificateAuthority() {
    String keystore = value(PKI_KEYSTORE);
    String certificate = value(PKI_CA_CERTIFICATE);
    String key = value(PKI_CA_KEY);
    if (keystore != null) {
      file(PKI_KEYSTORE, keystore);
      if (value(PKI_KEYSTORE_PASSWORD) == null) {
        problem(PKI_KEYSTORE_PASSWORD, "not set; the password of " + PKI_KEYSTORE);
      }
    } else if (certificate != null || key != null) {
      if (certificate == null) {
        problem(PKI_CA_CERTIFICATE, "not set; it goes with " + PKI_CA_KEY + " (PEM)");
      } else {
        file(PKI_CA_CERTIFICATE, certificate);
      }
      if (key == null) {
        problem(PKI_CA_KEY, "not set; it goes with " + PKI_CA_CERTIFICATE + " (PEM, PKCS#8)");
      } else {
        file(PKI_CA_KEY, key);
      }
    } else {
      problem(
          PKI_KEYSTORE,
          "not set; the gateway CA, a PKCS#12 key store with "
              + PKI_KEYSTORE_PASSWORD
              + " (or "
              + PKI_CA_CERTIFICATE
              + " and "
              + PKI_CA_KEY
              + ", PEM)");
    }
  }

  private void file(String name, String path) {
    try {
      Path file = Path.of(path);
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        problem(name, "names " + file.toAbsolutePath() + ", which is not a readable file");
      }
    } catch (InvalidPathException e) {
      problem(name, "is not a file path");
    }
  }

  /** The setting, stripped (secret stores often end a value with a newline), or null if blank. */
  private String value(String name) {
    String value = settings.bind(name, String.class).map(String::strip).orElse("");
    return value.isEmpty() ? null : value;
  }

  private void problem(String name, String text) {
    problems.add(name + ": " + text);
  }

  private static String scheme(String url) {
    int second = url.indexOf(':', url.indexOf(':') + 1);
    return second > 0 ? url.substring(0, second) : "non-JDBC";
  }
}
