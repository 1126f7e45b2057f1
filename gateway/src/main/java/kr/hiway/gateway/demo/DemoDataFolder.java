package kr.hiway.gateway.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The demo's data folder (where its H2 database and keys live) is its owner's only: made {@code
 * rwx------} before anything writes into it, and once the gateway is up every file in it {@code
 * rw-------}, the database files H2 made with the process's umask included. The database holds
 * health-related records of who consented to what; other accounts on the machine have no business
 * reading it. On a file system without POSIX permissions nothing is changed.
 */
class DemoDataFolder implements EnvironmentPostProcessor {

  private static final Set<PosixFilePermission> FOLDER =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Binder settings = Binder.get(environment);
    if (!settings.bind("hiway.demo.enabled", Boolean.class).orElse(true)) {
      return;
    }
    Optional<Path> database =
        database(settings.bind("spring.datasource.url", String.class).orElse(""));
    if (database.isEmpty() || database.get().getParent() == null) {
      return;
    }
    Path path = database.get().getParent();
    try {
      Files.createDirectories(path);
      // H2 appends to its trace file, which it writes on errors, also while closing, after the
      // last moment this class could tighten it: made here, it keeps its owner-only mode.
      Path trace = Path.of(database.get() + ".trace.db");
      if (!Files.exists(trace)) {
        Files.createFile(trace);
      }
    } catch (IOException e) {
      return; // the database's own error names the folder
    }
    tighten(path);
    application.addListeners((ApplicationListener<ApplicationReadyEvent>) ready -> tighten(path));
  }

  /** The file path (without H2's suffix) of an embedded H2 file database; empty for others. */
  static Optional<Path> database(String url) {
    String prefix = url.startsWith("jdbc:h2:file:") ? "jdbc:h2:file:" : "jdbc:h2:";
    if (!url.startsWith("jdbc:h2:")
        || url.startsWith("jdbc:h2:mem:")
        || url.startsWith("jdbc:h2:tcp:")
        || url.startsWith("jdbc:h2:ssl:")) {
      return Optional.empty();
    }
    String file = url.substring(prefix.length());
    int options = file.indexOf(';');
    file = options < 0 ? file : file.substring(0, options);
    if (file.isBlank() || file.startsWith("~")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(file).toAbsolutePath());
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /** The folder and all in it, its owner's only. */
  static void tighten(Path folder) {
    try (Stream<Path> all = Files.walk(folder)) {
      all.forEach(p -> {
        try {
          Files.setPosixFilePermissions(p, Files.isDirectory(p) ? FOLDER : FILE);
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system
        } catch (IOException e) {
          // a file that vanished meanwhile, or another user's: left as it is
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // the folder went away; nothing to protect
    }
  }
}
