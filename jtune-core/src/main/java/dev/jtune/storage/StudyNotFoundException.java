package dev.jtune.storage;

/** No study with the requested name or id exists in the storage. */
public class StudyNotFoundException extends StorageException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message names what was looked for. */
  public StudyNotFoundException(String message) {
    super(message);
  }
}
