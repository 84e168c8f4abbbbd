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

  /** A problem with a file as a whole. */
  public DataFormatException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
