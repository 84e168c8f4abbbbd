package dev.jtune.storage;

/** A study with the requested name already exists in the storage. */
public class DuplicateStudyException extends StorageException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for the given study name. */
  public DuplicateStudyException(String name) {
    super("a study named '" + name + "' already exists");
  }
}
