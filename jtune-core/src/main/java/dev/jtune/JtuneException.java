package dev.jtune;

/**
 * The unchecked root of every exception jtune throws on purpose. Catch it to handle any jtune failure
 * in one place; subclasses say what went wrong ({@link dev.jtune.trial.TrialPrunedException},
 * {@link dev.jtune.storage.StorageException}, ...). Invalid arguments are reported with the JDK's
 * {@link IllegalArgumentException} instead, and their message always names the offending value.
 */
public class JtuneException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that says what happened and names the values involved. */
  public JtuneException(String message) {
    super(message);
  }

  /** Creates an exception that wraps the cause it was raised for. */
  public JtuneException(String message, Throwable cause) {
    super(message, cause);
  }
}
