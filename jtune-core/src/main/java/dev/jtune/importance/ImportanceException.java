package dev.jtune.importance;

import dev.jtune.JtuneException;

/**
 * The study's trials cannot say which parameters matter: fewer than two complete trials with a
 * finite target, or a target that never varies. The message says how many trials were usable and
 * why the others were not.
 */
public class ImportanceException extends JtuneException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception whose message names the trials and values involved. */
  public ImportanceException(String message) {
    super(message);
  }
}
