package kr.hiway.witness;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import kr.hiway.consent.ledger.Hashes;

/**
 * The witness's memory: for each log (by origin), the latest checkpoint it cosigned, in a file of
 * its own under the witness's folder ({@code <sha256(origin)>.checkpoint}: the size, the root hash
 * and the whole signed checkpoint as evidence). Written to a temporary file, forced to disk and
 * moved into place, so that a crash leaves the old state or the new one, never half of one. Not
 * thread-safe by itself: {@link Witness} serializes the check and the update of each log.
 */
public final class WitnessStore {

  /** What the witness last cosigned for one log. */
  public record State(long size, byte[] root) {}

  private final Path folder;

  public WitnessStore(Path folder) throws IOException {
    this.folder = Files.createDirectories(folder);
  }

  private Path file(String origin) {
    byte[] h = Hashes.sha256(origin.getBytes(StandardCharsets.UTF_8));
    return folder.resolve(HexFormat.of().formatHex(h) + ".checkpoint");
  }

  /** The latest cosigned state of the log, if the witness ever cosigned it. */
  public Optional<State> latest(String origin) throws IOException {
    Path f = file(origin);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    String[] lines = Files.readString(f, StandardCharsets.UTF_8).split("\n", 3);
    if (lines.length < 2) {
      throw new IOException("damaged witness state " + f);
    }
    return Optional.of(
        new State(Long.parseLong(lines[0]), Base64.getDecoder().decode(lines[1].strip())));
  }

  /** Records that the witness cosigned {@code note}, of {@code size} and {@code root}. */
  public void record(String origin, long size, byte[] root, String note) throws IOException {
    Path f = file(origin);
    Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
    String text = size + "\n" + Base64.getEncoder().encodeToString(root) + "\n" + note;
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
    try {
      Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
