package kr.hiway.gateway.demo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import kr.hiway.vocabulary.Hospital;
import kr.hiway.vocabulary.LinkageToken;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a gateway instance needs of a demo network running as a process of its own ({@link
 * NetworkMain}): each hospital's identity, address, linkage key and certificate, and what the
 * synthetic population was generated from. The network writes it once every adapter answers; each
 * instance reads it at start ({@code hiway.demo.network-file}). It holds the linkage keys, so it is
 * readable by its owner only. Immutable.
 *
 * @param seed the population's seed
 * @param persons the population's size: with the seed and the hospitals, an instance makes the same
 *     persons, whose identifiers the demo accounts need
 * @param hospitals in the order the network was started with, which the population depends on
 */
record NetworkFile(long seed, int persons, List<Entry> hospitals) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  NetworkFile {
    hospitals = List.copyOf(hospitals);
  }

  /**
   * One hospital of the network.
   *
   * @param linkageKey the key it shares with the gateway, base64
   * @param certificate its adapter's certificate, PEM; null when the adapter serves plain HTTP
   */
  record Entry(
      String code,
      String nameKo,
      String nameEn,
      String province,
      String city,
      URI baseUrl,
      String linkageKey,
      String certificate) {

    Entry {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(baseUrl, "baseUrl");
      Objects.requireNonNull(linkageKey, "linkageKey");
    }

    static Entry of(Hospital h, URI baseUrl, byte[] linkageKey, X509Certificate certificate) {
      return new Entry(
          h.code(),
          h.nameKo(),
          h.nameEn(),
          h.province(),
          h.city(),
          baseUrl,
          Base64.getEncoder().encodeToString(linkageKey),
          certificate == null ? null : pem(certificate));
    }

    Hospital hospital() {
      return new Hospital(code, nameKo, nameEn, province, city);
    }

    LinkageToken linkage() {
      return LinkageToken.withKey(Base64.getDecoder().decode(linkageKey));
    }

    /** The adapter's certificate, or null when it serves plain HTTP. */
    X509Certificate x509() {
      if (certificate == null) {
        return null;
      }
      try {
        return (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(certificate.getBytes(StandardCharsets.US_ASCII)));
      } catch (CertificateException e) {
        throw new IllegalArgumentException("the certificate of hospital " + code, e);
      }
    }
  }

  List<Hospital> hospitalList() {
    return hospitals.stream().map(Entry::hospital).toList();
  }

  /** Writes the file whole or not at all: an instance never reads half of one. */
  void write(Path file) throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    // Readable by its owner only, as createTempFile makes files on POSIX file systems.
    Path partial = Files.createTempFile(folder, "network", ".tmp");
    try {
      Files.writeString(partial, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this));
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  static NetworkFile read(Path file) throws IOException {
    try {
      return JSON.readValue(Files.readString(file), NetworkFile.class);
    } catch (JacksonException e) {
      throw new IOException("not a demo network file: " + file, e);
    }
  }

  private static String pem(X509Certificate cert) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(cert.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
