package dev.jtune.storage;

import dev.jtune.JtuneException;

/** A storage could not do what was asked (the database went away, a query failed, ...); keeps the cause. */
public class StorageException extends JtuneException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what was being done. */
  public StorageException(String message) {
    super(message);
  }

  /** Wraps an infrastructure failure once, at the storage boundary. */
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
