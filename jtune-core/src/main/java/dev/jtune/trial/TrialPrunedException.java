package dev.jtune.trial;

import dev.jtune.JtuneException;

/**
 * Thrown by an objective to stop its trial early, usually right after {@link Trial#shouldPrune()}
 * returned {@code true}. The optimize loop marks the trial {@link TrialState#PRUNED} with its last
 * reported value; it is not a failure.
 */
public class TrialPrunedException extends JtuneException {
  private static final long serialVersionUID = 1L;

  /** A pruning signal with a generic message. */
  public TrialPrunedException() {
    super("trial was pruned");
  }

  /** A pruning signal that says why. */
  public TrialPrunedException(String reason) {
    super(reason);
  }
}
