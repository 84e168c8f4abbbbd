package dev.jtune.trial;

import dev.jtune.JtuneException;

/** Thrown when something tries to change a trial that is already finished; finished trials are immutable. */
public class TrialFinishedException extends JtuneException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message names the trial and its state. */
  public TrialFinishedException(String message) {
    super(message);
  }
}
