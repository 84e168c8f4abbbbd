package dev.jtune.nn;

import dev.jtune.JtuneException;

/**
 * The PyTorch engine could not start: its native library is missing, of the wrong flavour or
 * platform, or could not be unpacked. The message says what was found and how to fix it.
 */
public final class NativeLibraryException extends JtuneException {
  private static final long serialVersionUID = 1L;

  public NativeLibraryException(String message, Throwable cause) {
    super(message, cause);
  }
}
