package kr.hiway.gateway.demo;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The demo's key files: written once, whole, readable by their owner only. */
final class DemoKeyFiles {

  private DemoKeyFiles() {}

  /**
   * Writes {@code content} to {@code file} unless it exists; returns whether this call wrote it. An
   * instance starting a moment earlier on the same folder keeps its file: the first one wins.
   */
  static boolean writeOnce(Path file, String content) throws IOException {
    if (Files.exists(file)) {
      return false;
    }
    Path folder = file.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    // Readable by its owner only, as createTempFile makes files on POSIX file systems.
    Path partial = Files.createTempFile(folder, "key", ".tmp");
    try {
      Files.writeString(partial, content);
      // A rename: a reader sees the whole file or none. Without REPLACE_EXISTING, the file of an
      // instance that started a moment earlier on the same folder is kept.
      Files.move(partial, file);
      return true;
    } catch (FileAlreadyExistsException another) {
      return false;
    } finally {
      Files.deleteIfExists(partial);
    }
  }
}
