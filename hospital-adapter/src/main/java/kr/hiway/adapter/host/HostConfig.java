package kr.hiway.adapter.host;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import kr.hiway.adapter.tls.AdapterTls;
import kr.hiway.adapter.tls.RevocationList;
import kr.hiway.vocabulary.LinkageToken;

/**
 * The host's configuration, read from a properties file and checked completely before anything
 * starts: files exist and are what they should be, the key store opens, the CRL is the gateway CA's
 * and current. Each problem is a {@link BadSetting} naming the setting. Relative paths are relative
 * to the configuration file. Immutable.
 *
 * @param hospitalCode {@code hospital.code}
 * @param address {@code server.address}
 * @param port {@code server.port}
 * @param tls mutual TLS from the {@code tls.*} files; empty only with {@code tls.enabled=false}
 * @param linkage from {@code linkage.key-file} or {@code linkage.key-env}
 * @param sourceFactory {@code source.factory}, if set
 * @param sourceProperties the other {@code source.*} settings, without the prefix
 */
record HostConfig(
    String hospitalCode,
    String address,
    int port,
    Optional<AdapterTls> tls,
    LinkageToken linkage,
    Optional<String> sourceFactory,
    Map<String, String> sourceProperties) {

  static final int DEFAULT_PORT = 8443;
  static final String DEFAULT_ADDRESS = "0.0.0.0";

  private static final Set<String> KEYS =
      Set.of(
          "hospital.code",
          "server.address",
          "server.port",
          "tls.enabled",
          "tls.key-store",
          "tls.key-store-password",
          "tls.key-store-password-env",
          "tls.gateway-ca",
          "tls.crl",
          "linkage.key-file",
          "linkage.key-env",
          "source.factory");
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9-]{1,64}");

  /** Reads and checks the file; {@code env} gives the environment variables. */
  static HostConfig read(Path file, Function<String, String> env) throws BadSetting {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new BadSetting("--config", "cannot read " + file + ": " + e.getMessage());
    }
    Path dir = file.toAbsolutePath().getParent();
    Map<String, String> all = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> all.put(k, p.getProperty(k).strip()));
    return of(all, dir, env);
  }

  static HostConfig of(Map<String, String> all, Path dir, Function<String, String> env)
      throws BadSetting {
    Map<String, String> source = new TreeMap<>();
    for (String key : all.keySet()) {
      if (key.startsWith("source.") && !key.equals("source.factory")) {
        source.put(key.substring("source.".length()), all.get(key));
      } else if (!KEYS.contains(key)) {
        throw new BadSetting(key, "unknown setting (known: " + new TreeSet<>(KEYS) + ", source.*)");
      }
    }
    Settings s = new Settings(all, dir, env);
    String code = s.required("hospital.code");
    if (!CODE.matcher(code).matches()) {
      throw new BadSetting("hospital.code", "letters, digits and '-' only, as registered");
    }
    String address = s.optional("server.address").orElse(DEFAULT_ADDRESS);
    InetAddress bind;
    try {
      bind = InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new BadSetting("server.address", "unknown address " + address);
    }
    int port = s.port();
    boolean tlsEnabled = s.flag("tls.enabled", true);
    Optional<AdapterTls> tls = Optional.empty();
    if (tlsEnabled) {
      tls = Optional.of(tls(s));
    } else if (!bind.isLoopbackAddress()) {
      // Plain HTTP is for running the conformance kit before going live, on this machine only.
      throw new BadSetting(
          "tls.enabled", "false only with a loopback server.address (127.0.0.1), not " + address);
    }
    return new HostConfig(
        code,
        address,
        port,
        tls,
        linkage(s),
        s.optional("source.factory"),
        Collections.unmodifiableMap(source));
  }

  private static AdapterTls tls(Settings s) throws BadSetting {
    Path keyStore = s.file("tls.key-store");
    char[] password = s.secret("tls.key-store-password").toCharArray();
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      if (Collections.list(store.aliases()).stream().noneMatch(a -> isKey(store, a))) {
        throw new BadSetting("tls.key-store", "no private key in " + keyStore);
      }
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new BadSetting(s.secretName("tls.key-store-password"), "wrong key store password");
      }
      throw new BadSetting("tls.key-store", "not a PKCS#12 key store: " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new BadSetting("tls.key-store", "cannot open " + keyStore + ": " + e.getMessage());
    }
    Path caFile = s.file("tls.gateway-ca");
    X509Certificate ca;
    try (InputStream in = Files.newInputStream(caFile)) {
      ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new BadSetting("tls.gateway-ca", "not a certificate (PEM or DER): " + caFile);
    }
    Path crl = s.file("tls.crl");
    try {
      X509CRL current = RevocationList.verified(crl, ca);
      if (current.getNextUpdate() == null || !current.getNextUpdate().after(new Date())) {
        throw new BadSetting(
            "tls.crl",
            "the CRL is past its next update ("
                + current.getNextUpdate()
                + "); download it again from the gateway's /pki/crl");
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new BadSetting(
          "tls.crl", "not a CRL of the gateway CA in tls.gateway-ca: " + e.getMessage());
    }
    try {
      return AdapterTls.fromFiles(keyStore, password, caFile, crl);
    } catch (IOException | GeneralSecurityException e) {
      throw new BadSetting("tls.key-store", "cannot serve with it: " + e.getMessage());
    }
  }

  private static boolean isKey(KeyStore store, String alias) {
    try {
      return store.isKeyEntry(alias);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static LinkageToken linkage(Settings s) throws BadSetting {
    String name = s.secretName("linkage.key");
    String encoded;
    if (name.equals("linkage.key-file")) {
      Path file = s.file("linkage.key-file");
      try {
        encoded = Files.readString(file).strip();
      } catch (IOException e) {
        throw new BadSetting(name, "cannot read " + file);
      }
    } else {
      encoded = s.secret("linkage.key");
    }
    try {
      return LinkageToken.withKey(Base64.getDecoder().decode(encoded));
    } catch (IllegalArgumentException e) {
      throw new BadSetting(name, "not a linkage key (base64 of 32 bytes or more)");
    }
  }

  /** The raw settings, with the rules for reading each kind. */
  private record Settings(Map<String, String> all, Path dir, Function<String, String> env) {

    Optional<String> optional(String key) {
      String v = all.get(key);
      return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    String required(String key) throws BadSetting {
      return optional(key).orElseThrow(() -> new BadSetting(key, "required"));
    }

    Path file(String key) throws BadSetting {
      Path path = dir.resolve(required(key));
      if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
        throw new BadSetting(key, "no readable file " + path);
      }
      return path;
    }

    int port() throws BadSetting {
      String v = optional("server.port").orElse(String.valueOf(DEFAULT_PORT));
      try {
        int port = Integer.parseInt(v);
        if (port < 0 || port > 65535) {
          throw new NumberFormatException();
        }
        return port;
      } catch (NumberFormatException e) {
        throw new BadSetting("server.port", "a port number 0-65535, not " + v);
      }
    }

    boolean flag(String key, boolean otherwise) throws BadSetting {
      Optional<String> v = optional(key);
      if (v.isEmpty()) {
        return otherwise;
      }
      return switch (v.get()) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new BadSetting(key, "true or false, not " + v.get());
      };
    }

    /**
     * Which of {@code name} (or {@code name-file} for the linkage key) and {@code name-env} is set:
     * exactly one must be.
     */
    String secretName(String name) throws BadSetting {
      String direct = name.equals("linkage.key") ? "linkage.key-file" : name;
      String fromEnv = name + "-env";
      boolean hasDirect = optional(direct).isPresent();
      boolean hasEnv = optional(fromEnv).isPresent();
      if (hasDirect == hasEnv) {
        throw new BadSetting(direct, "set this or " + fromEnv + ", one of them");
      }
      return hasDirect ? direct : fromEnv;
    }

    /** A secret given in the file, or by the name of the environment variable that holds it. */
    String secret(String name) throws BadSetting {
      String which = secretName(name);
      if (!which.endsWith("-env")) {
        return required(which);
      }
      String variable = required(which);
      String value = env.apply(variable);
      if (value == null || value.isEmpty()) {
        throw new BadSetting(which, "the environment variable " + variable + " is not set");
      }
      return value;
    }
  }
}
