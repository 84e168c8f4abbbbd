package dev.jtune.pruner;

import dev.jtune.trial.FrozenTrial;

/**
 * Which steps a pruner looks at: none below {@code warmupSteps}, then one per window of
 * {@code intervalSteps} steps starting at {@code warmupSteps}. A trial is checked at the first step
 * it reports in a window (Optuna's {@code _is_first_in_interval_step}), so a check whose exact step
 * was skipped happens at the next report.
 */
record CheckedSteps(int warmupSteps, int intervalSteps) {

  /** Whether the trial's latest step is one to check. */
  boolean isChecked(FrozenTrial trial) {
    if (trial.intermediateValues().isEmpty()) {
      return false;
    }
    int step = trial.intermediateValues().lastKey();
    if (step < warmupSteps) {
      return false;
    }
    int windowStart = Math.floorDiv(step - warmupSteps, intervalSteps) * intervalSteps
        + warmupSteps;
    // The latest step is the largest key, so the one before it is the largest of the head map.
    var before = trial.intermediateValues().headMap(step);
    int previous = before.isEmpty() ? -1 : before.lastKey();
    return previous < windowStart;
  }

  /** "step 7", "step 7 (warm-up 5, every 2 steps)" for reasons. */
  String describe() {
    return warmupSteps == 0 && intervalSteps == 1 ? ""
        : " (warm-up " + warmupSteps + " steps, checked every " + intervalSteps + ")";
  }
}
