package kr.hiway.gateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.opentest4j.TestAbortedException;

/**
 * One file of a published npm package, as a browser test serves it: the package's tarball is
 * fetched once from the npm registry into {@code target/npm/}, checked against the integrity
 * (SHA-512) the registry lists for that version, and the file unpacked beside it. Where the
 * registry cannot be reached the test is skipped with a message; under CI ({@code CI=true}) it
 * fails.
 */
public final class NpmPackage {

  private static final Path CACHE = Path.of("target", "npm");

  private NpmPackage() {}

  /**
   * {@code entry} (a path inside the package, such as {@code build/fhir-client.js}) of {@code
   * name@version}, whose tarball must have the {@code sha512-…} {@code integrity}.
   */
  public static synchronized Path file(String name, String version, String integrity, String entry)
      throws IOException {
    Path unpacked = CACHE.resolve(name + "-" + version).resolve(entry);
    if (Files.exists(unpacked)) {
      return unpacked;
    }
    Path tarball = CACHE.resolve(name + "-" + version + ".tgz");
    if (!Files.exists(tarball)) {
      download(name, version, tarball);
    }
    String actual = "sha512-" + Base64.getEncoder().encodeToString(sha512(tarball));
    if (!actual.equals(integrity)) {
      Files.delete(tarball);
      throw new IllegalStateException(
          name + "@" + version + " does not match its integrity " + integrity + ": " + actual);
    }
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(tarball)))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        if (e.getName().equals("package/" + entry)) {
          Files.createDirectories(unpacked.getParent());
          Files.copy(tar, unpacked, StandardCopyOption.REPLACE_EXISTING);
          return unpacked;
        }
      }
    }
    throw new IllegalStateException(name + "@" + version + " has no " + entry);
  }

  private static void download(String name, String version, Path tarball) throws IOException {
    URI uri =
        URI.create("https://registry.npmjs.org/" + name + "/-/" + name + "-" + version + ".tgz");
    try (HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build()) {
      HttpResponse<InputStream> r =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofInputStream());
      if (r.statusCode() != 200) {
        throw new IOException("HTTP " + r.statusCode() + " from " + uri);
      }
      Files.createDirectories(tarball.getParent());
      Path partial = tarball.resolveSibling(tarball.getFileName() + ".part");
      try (InputStream in = r.body()) {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.move(partial, tarball, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | InterruptedException e) {
      String why = name + "@" + version + " could not be fetched from the npm registry (" + e + ")";
      if (Boolean.parseBoolean(System.getenv("CI"))) {
        throw new IllegalStateException(why + "; CI does not skip the browser tests", e);
      }
      throw new TestAbortedException(why + "; the test is skipped");
    }
  }

  private static byte[] sha512(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-512");
      byte[] buffer = new byte[65536];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
