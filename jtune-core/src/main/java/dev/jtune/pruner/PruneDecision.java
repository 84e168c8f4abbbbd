package dev.jtune.pruner;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A pruner's verdict on a trial: whether to stop it, why, and the bookkeeping to store with it.
 *
 * <p>{@link #trialAttrs()} are system attributes the study writes to the trial after every call,
 * whatever the verdict (successive halving records the value with which a trial completed a rung
 * there). Keeping that bookkeeping in the decision lets a pruner decide from a read-only
 * {@link dev.jtune.study.StudyView} and the trial's snapshot alone: its decision is a function of
 * stored data, so workers in different processes agree.
 *
 * @param prune whether to stop the trial
 * @param reason why, in words that name the values compared; may be empty when the trial is kept
 * @param trialAttrs system attributes to set on the trial (JSON-like values); never {@code null}
 */
public record PruneDecision(boolean prune, String reason, Map<String, Object> trialAttrs) {
  private static final PruneDecision KEEP = new PruneDecision(false, "");

  public PruneDecision {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(trialAttrs, "trialAttrs");
    trialAttrs = Collections.unmodifiableMap(new LinkedHashMap<>(trialAttrs));
  }

  /** A decision without bookkeeping. */
  public PruneDecision(boolean prune, String reason) {
    this(prune, reason, Map.of());
  }

  /** Keep the trial running. */
  public static PruneDecision keep() {
    return KEEP;
  }

  /** Keep the trial running; the reason says why (for logs at DEBUG level). */
  public static PruneDecision keep(String reason) {
    return new PruneDecision(false, reason);
  }

  /** Stop the trial, for the given reason. */
  public static PruneDecision prune(String reason) {
    return new PruneDecision(true, reason);
  }

  /** This decision with more attributes to store on the trial (later keys win). */
  public PruneDecision withTrialAttrs(Map<String, ?> attrs) {
    if (attrs.isEmpty()) {
      return this;
    }
    Map<String, Object> all = new LinkedHashMap<>(trialAttrs);
    all.putAll(attrs);
    return new PruneDecision(prune, reason, all);
  }
}
