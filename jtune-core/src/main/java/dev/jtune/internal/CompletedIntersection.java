package dev.jtune.internal;

import dev.jtune.space.Distribution;
import dev.jtune.trial.FrozenTrial;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters (with one distribution) that every given trial has, as Optuna's
 * {@code IntersectionSearchSpace}, maintained incrementally: finished trials never change, so each
 * is intersected once. Another study, or the same study created again under its id (its numbers
 * then name other trials, see {@link FoldedTrials}), starts it afresh.
 *
 * <p>Thread-safe: {@link #update} is synchronized.
 */
public final class CompletedIntersection {
  private Object study;
  private final FoldedTrials seen = new FoldedTrials();
  private Map<String, Distribution> common;

  /**
   * Folds in {@code finished} (the study's finished trials of interest, usually the COMPLETE
   * ones) and returns the parameters all of them have, in the first trial's order; a fresh,
   * modifiable map, empty when there are no trials.
   */
  public synchronized Map<String, Distribution> update(Object studyKey,
      List<FrozenTrial> finished) {
    if (!studyKey.equals(study) || seen.replacedAny(finished)) {
      study = studyKey;
      seen.clear();
      common = null;
    }
    for (FrozenTrial t : finished) {
      if (!seen.add(t)) {
        continue;
      }
      if (common == null) {
        common = new LinkedHashMap<>(t.distributions());
      } else {
        common.entrySet().removeIf(e -> !e.getValue().equals(t.distributions().get(e.getKey())));
      }
    }
    return common == null ? new LinkedHashMap<>() : new LinkedHashMap<>(common);
  }
}
