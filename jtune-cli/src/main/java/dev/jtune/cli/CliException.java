package dev.jtune.cli;

/**
 * A failure the command reports to the user as one message (no stack trace) with its
 * {@link ExitCode}.
 */
public class CliException extends RuntimeException {
  private final ExitCode exitCode;

  /** A failure with a message meant for the user and the exit code it maps to. */
  public CliException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /** A failure with a message meant for the user, its exit code and a cause kept for debugging. */
  public CliException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /**
   * {@code value} if it is at least 0, else a usage failure naming the option, raised before any
   * work starts (a negative {@code --top} was once found only after a whole study had run).
   */
  static int nonNegative(String option, int value) {
    if (value < 0) {
      throw new CliException(ExitCode.USAGE, option + " " + value + " must be >= 0");
    }
    return value;
  }

  /** The exit code this failure maps to. */
  public ExitCode exitCode() {
    return exitCode;
  }
}
