package kr.hiway.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import kr.hiway.gateway.pki.CertificateAuthority;
import kr.hiway.vocabulary.Hospital;
import kr.hiway.vocabulary.LinkageToken;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The file a demo network run apart hands the gateway instances, and the network's options. */
class NetworkFileTest {

  @TempDir Path dir;

  static final Hospital SNUH = new Hospital("snuh", "서울대학교병원", "SNU Hospital", "Seoul", "Seoul");
  static final Hospital PLAIN = new Hospital("plain-h", "평문병원", "Plain Hospital", "Busan", "Busan");

  @Test
  void writeWhenReadBackThenSameHospitalsKeysAndCertificates() throws Exception {
    CertificateAuthority ca = CertificateAuthority.generate("test CA", Duration.ofDays(1));
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = g.generateKeyPair();
    X509Certificate cert =
        ca.issueServer(
            new X500Name("CN=snuh"),
            keys.getPublic(),
            "127.0.0.1",
            Instant.now(),
            Duration.ofDays(1));
    byte[] key1 = new byte[32];
    Arrays.fill(key1, (byte) 1);
    byte[] key2 = new byte[32];
    Arrays.fill(key2, (byte) 2);
    NetworkFile written =
        new NetworkFile(
            7,
            300,
            List.of(
                NetworkFile.Entry.of(SNUH, URI.create("https://127.0.0.1:40001/fhir"), key1, cert),
                NetworkFile.Entry.of(
                    PLAIN, URI.create("http://127.0.0.1:40002/fhir"), key2, null)));
    Path file = dir.resolve("sub/network.json");

    written.write(file);
    NetworkFile read = NetworkFile.read(file);

    assertThat(read).isEqualTo(written);
    assertThat(read.hospitalList()).containsExactly(SNUH, PLAIN);
    assertThat(read.hospitals().get(0).x509()).isEqualTo(cert);
    assertThat(read.hospitals().get(1).x509()).isNull();
    assertThat(read.hospitals().get(0).linkage().of("900101-1234567"))
        .isEqualTo(LinkageToken.withKey(key1).of("900101-1234567"))
        .isNotEqualTo(read.hospitals().get(1).linkage().of("900101-1234567"));
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.list(file.getParent())).containsExactly(file);
  }

  @Test
  void readWhenNotANetworkFileThenIoException() throws IOException {
    Path file = Files.writeString(dir.resolve("other.json"), "[1, 2");

    assertThatThrownBy(() -> NetworkFile.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a demo network file");
  }

  @Test
  void parseWhenNoOptionsThenTheDemoDefaults() {
    NetworkMain.Options o = NetworkMain.Options.parse();

    assertThat(o)
        .isEqualTo(
            new NetworkMain.Options(
                Path.of("data/network.json"), Path.of("data/pki"), 20240101, 12000, 0, 0, 0, true));
  }

  @Test
  void parseWhenEveryOptionThenEachTaken() {
    NetworkMain.Options o =
        NetworkMain.Options.parse(
            "--out=/tmp/n.json",
            "--ca=/tmp/ca",
            "--seed=5",
            "--persons=100",
            "--latency-ms=20",
            "--jitter-ms=5",
            "--base-port=41000",
            "--tls=false");

    assertThat(o)
        .isEqualTo(
            new NetworkMain.Options(
                Path.of("/tmp/n.json"), Path.of("/tmp/ca"), 5, 100, 20, 5, 41000, false));
  }

  @ParameterizedTest
  @ValueSource(strings = {"--persons", "persons=3", "--unknown=1"})
  void parseWhenMalformedOrUnknownThenRefused(String arg) {
    assertThatThrownBy(() -> NetworkMain.Options.parse(arg))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
