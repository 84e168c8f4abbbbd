package dev.jtune.nn.data;

import dev.jtune.JtuneException;
import java.nio.file.Path;

/** A data file that cannot be read as declared; the message names the file and, where known, the line. */
public final class DataFormatException extends JtuneException {
  private static final long serialVersionUID = 1L;

  /** A problem at a line (1-based, the header being line 1) of a file. */
  public DataFormatException(Path file, long line, String problem) {
    super(file + ":" + line + ": " + problem);
  }

  /**
   * A file that could not be read, saying why: it does not exist, it may not be read, or the
   * reader's own message.
   */
  static DataFormatException unreadable(Path file, java.io.IOException e) {
    String why = e instanceof java.nio.file.NoSuchFileException ? "does not exist"
        : e instanceof java.nio.file.AccessDeniedException ? "cannot be read (permission denied)"
        : e instanceof java.nio.file.FileSystemException f && f.getReason() != null
            ? "cannot be read (" + f.getReason() + ")"
        : "cannot be read (" + e + ")";
    return new DataFormatException(file, why, e);
  }

  /** A problem with a file as a whole. */
  public DataFormatException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
