package dev.jtune.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes a file whole or not at all: the content goes to a new file beside it, which is then moved
 * over it (atomically where the file system can), so a reader, or a process killed mid-write,
 * never sees half a file, and a failed write leaves the old file as it was.
 *
 * <p>The new file is created by name, not with {@code Files.createTempFile}, so it gets the
 * permissions the user's umask gives any new file; a replaced file's POSIX permissions are kept. A
 * symbolic link is written through (the file it names is replaced, the link stays). Used by
 * exports, reports and a tuner's saved weights. Stateless and thread-safe; two writers of one file
 * at once each write whole, and the last move wins.
 */
public final class AtomicFile {
  private AtomicFile() {}

  /** Something that writes text. */
  @FunctionalInterface
  public interface Text {
    /** Writes the content; {@code out} is closed by the caller. */
    void writeTo(Writer out) throws IOException;
  }

  /**
   * Writes text as UTF-8; a character that cannot be encoded (half a surrogate pair) becomes
   * {@code ?} rather than failing the whole file.
   *
   * @throws IOException if the file cannot be written; the old file, if any, is unchanged
   */
  public static void write(Path file, Text text) throws IOException {
    Objects.requireNonNull(text, "text");
    replace(file, temp -> {
      try (Writer out = new BufferedWriter(new OutputStreamWriter(
          Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
          StandardCharsets.UTF_8.newEncoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
        text.writeTo(out);
      }
    });
  }

  /**
   * Writes bytes.
   *
   * @throws IOException if the file cannot be written; the old file, if any, is unchanged
   */
  public static void write(Path file, byte[] bytes) throws IOException {
    Objects.requireNonNull(bytes, "bytes");
    replace(file, temp -> Files.write(temp, bytes, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE));
  }

  /**
   * The file a path finally names: itself, or what its chain of symbolic links points to (not
   * normalized: a link's {@code ..} is left to the file system).
   */
  public static Path resolveLinks(Path file) {
    Path current = file.toAbsolutePath();
    try {
      for (int hops = 0; hops < MAX_LINKS && Files.isSymbolicLink(current); hops++) {
        current = current.resolveSibling(Files.readSymbolicLink(current));
      }
    } catch (IOException e) {
      return file.toAbsolutePath();
    }
    return current;
  }

  private static final int MAX_LINKS = 40;

  /** Best effort: a file system that cannot set them (vfat says POSIX but refuses) keeps its own. */
  private static void keepPermissions(Path target, Path temp) {
    try {
      if (Files.exists(target) && Files.getFileStore(temp).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
      }
    } catch (IOException | UnsupportedOperationException e) {
      // the new file keeps the permissions it was created with
    }
  }

  private interface Fill {
    void into(Path temp) throws IOException;
  }

  private static void replace(Path file, Fill fill) throws IOException {
    Objects.requireNonNull(file, "file");
    Path target = resolveLinks(file);
    if (Files.isSymbolicLink(target)) {
      throw new FileSystemException(file.toString(), null, "more than " + MAX_LINKS
          + " symbolic links in a row (a loop?)");
    }
    if (target.getFileName() == null) {
      throw new IOException(target + " is not a file path");
    }
    Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID()
        + ".tmp");
    try {
      fill.into(temp);
      keepPermissions(target, temp);
      try {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
