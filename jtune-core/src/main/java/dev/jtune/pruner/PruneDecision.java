package dev.jtune.pruner;

import java.util.Objects;

/**
 * A pruner's verdict on a trial, with the reason stored alongside when the trial is stopped.
 *
 * @param prune whether to stop the trial
 * @param reason why, in words that name the values compared; empty when the trial is kept
 */
public record PruneDecision(boolean prune, String reason) {
  private static final PruneDecision KEEP = new PruneDecision(false, "");

  public PruneDecision {
    Objects.requireNonNull(reason, "reason");
  }

  /** Keep the trial running. */
  public static PruneDecision keep() {
    return KEEP;
  }

  /** Stop the trial, for the given reason. */
  public static PruneDecision prune(String reason) {
    return new PruneDecision(true, reason);
  }
}
