package kr.hiway.gateway.pki;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway CA under {@code hiway.pki}. Production gives either a PKCS#12 key store ({@code
 * keystore}, {@code keystore-password}, optionally {@code key-alias}) or PEM files ({@code
 * ca-certificate} and an unencrypted PKCS#8 {@code ca-key}), from a secret store. With neither, the
 * demo makes a CA in {@code demo-folder} at first start and reuses it later.
 *
 * @param keystore a PKCS#12 key store holding the CA's key and certificate
 * @param keystorePassword its password
 * @param keyAlias the entry to use; by default the only key entry
 * @param caCertificate the CA certificate, PEM
 * @param caKey the CA's private key, PEM (PKCS#8)
 * @param demoFolder where the demo keeps the CA it made
 * @param certificateValidity how long a hospital's certificate is valid
 * @param gatewayCertificateValidity how long the gateway's own client certificate, issued at each
 *     start, is valid
 * @param crlValidity how long a published CRL is valid (its next-update time)
 * @param allowPlainHttp whether a hospital may be registered at an {@code http} address (tests and
 *     benchmarks only; production registers {@code https} addresses, reached over mutual TLS)
 */
@ConfigurationProperties("hiway.pki")
public record PkiProperties(
    Path keystore,
    String keystorePassword,
    String keyAlias,
    Path caCertificate,
    Path caKey,
    @DefaultValue("data/pki") Path demoFolder,
    @DefaultValue("365d") Duration certificateValidity,
    @DefaultValue("30d") Duration gatewayCertificateValidity,
    @DefaultValue("1d") Duration crlValidity,
    boolean allowPlainHttp) {}
