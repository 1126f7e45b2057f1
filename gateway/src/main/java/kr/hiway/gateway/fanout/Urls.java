package kr.hiway.gateway.fanout;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import kr.hiway.vocabulary.LinkageToken;
import kr.hiway.vocabulary.RecordType;

/** The URLs asked of one hospital, and the check that a next link stays within it. */
final class Urls {

  /** Larger pages than this the adapters refuse. */
  static final int PAGE_SIZE = 500;

  private final URI base;
  private final String basePath;

  Urls(URI baseUrl) {
    String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    this.basePath = path;
    this.base = URI.create(baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + path);
  }

  URI metadata() {
    return at("/metadata");
  }

  URI linkage(String token) {
    return at("/Patient?identifier=" + encode(LinkageToken.SYSTEM + "|" + token));
  }

  URI everything(String localId, Query.Everything query) {
    return everything(localId, query, null);
  }

  /** {@code $everything}, whole (window null) or one window of it. */
  URI everything(String localId, Query.Everything query, Window window) {
    StringBuilder url = new StringBuilder("/Patient/").append(localId).append("/$everything");
    url.append('?').append(paging(window));
    if (!query.types().isEmpty()) {
      // The Patient always comes along: the gateway composes its own Patient from it.
      String types =
          query.types().stream().map(RecordType::fhirType).collect(Collectors.joining(","));
      url.append("&_type=").append(encode("Patient," + types));
    }
    if (query.since() != null) {
      url.append("&_since=").append(encode(query.since().toString()));
    }
    return at(url.toString());
  }

  URI search(String localId, Query.Search query) {
    return search(localId, query, null);
  }

  /** A search, whole (window null) or one window of it. */
  URI search(String localId, Query.Search query, Window window) {
    StringBuilder url = new StringBuilder("/").append(query.type().fhirType());
    url.append("?patient=").append(localId);
    for (Map.Entry<String, List<String>> param : query.params().entrySet()) {
      for (String value : param.getValue()) {
        url.append('&').append(param.getKey()).append('=').append(encode(value));
      }
    }
    url.append('&').append(paging(window));
    return at(url.toString());
  }

  /** The whole result in pages of the largest size, or one window of it (null: the whole). */
  private static String paging(Window window) {
    if (window == null) {
      return "_count=" + PAGE_SIZE;
    }
    return "_count=" + Math.min(window.count(), PAGE_SIZE) + "&_offset=" + window.offset();
  }

  URI read(RecordType type, String localId) {
    return at("/" + type.fhirType() + "/" + localId);
  }

  /**
   * The next page's URL if it has exactly the base's scheme, host and port and a path under the
   * base path; otherwise a failure. A hospital must not make the gateway call anywhere else, nor
   * carry the patient's linkage there.
   */
  URI next(String link) throws HospitalFailure {
    URI next = parseLenient(link);
    if (next == null
        || !next.isAbsolute()
        || next.isOpaque()
        || next.getRawUserInfo() != null
        || next.getHost() == null
        || !next.getScheme().equalsIgnoreCase(base.getScheme())
        || !next.getHost().equalsIgnoreCase(base.getHost())
        || port(next) != port(base)
        || !underBase(next)) {
      throw FhirBodies.invalid("next link points outside the hospital");
    }
    return next;
  }

  private boolean underBase(URI next) {
    String raw = next.getRawPath();
    String path = next.getPath();
    if (raw == null || path == null) {
      return false;
    }
    // Dot segments, raw or percent-encoded, could climb out of the base path.
    for (String segment : path.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        return false;
      }
    }
    return raw.equals(basePath) || raw.startsWith(basePath + "/");
  }

  private URI at(String pathAndQuery) {
    return URI.create(base + pathAndQuery);
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return uri.getScheme().toLowerCase(Locale.ROOT).equals("https") ? 443 : 80;
  }

  /** Servers write a literal {@code |} or space into links now and then; accept those. */
  private static URI parseLenient(String link) {
    if (link == null) {
      return null;
    }
    try {
      return new URI(link);
    } catch (URISyntaxException e) {
      try {
        return new URI(link.replace("|", "%7C").replace(" ", "%20"));
      } catch (URISyntaxException again) {
        return null;
      }
    }
  }

  /** Query value encoding; {@code %20} rather than {@code +} so that no server can misread it. */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
