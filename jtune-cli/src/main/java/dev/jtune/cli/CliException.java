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

  /** The exit code this failure maps to. */
  public ExitCode exitCode() {
    return exitCode;
  }
}
