package kr.hiway.gateway.pki;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * Hosts as certificates name them: an IP address as {@code iPAddress}, a name as {@code dNSName}.
 */
final class Hosts {

  private Hosts() {}

  static boolean isIpLiteral(String host) {
    return host.chars().allMatch(c -> Character.isDigit(c) || c == '.')
        || (host.contains(":")
            && host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':'));
  }

  static GeneralName generalName(String host) {
    if (isIpLiteral(host)) {
      try {
        return new GeneralName(GeneralName.iPAddress, InetAddress.getByName(host).getHostAddress());
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("not an IP address: " + host, e);
      }
    }
    return new GeneralName(GeneralName.dNSName, host);
  }

  /** The host of a base URL, lower case, without IPv6 brackets. */
  static String of(URI baseUrl) {
    return normalize(baseUrl.getHost());
  }

  /** A host name or address, lower case, without IPv6 brackets. */
  static String normalize(String host) {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return h.toLowerCase(Locale.ROOT);
  }

  /** The port of a URL, or its scheme's default. */
  static int portOf(URI url) {
    if (url.getPort() > 0) {
      return url.getPort();
    }
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }
}
