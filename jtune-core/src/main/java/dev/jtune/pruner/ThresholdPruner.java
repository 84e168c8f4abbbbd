package dev.jtune.pruner;

import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;

/*
 * Optuna's ThresholdPruner: at a checked step (see CheckedSteps) a trial whose latest value is NaN,
 * below the lower bound or above the upper bound is pruned. Looks at the trial alone.
 */
final class ThresholdPruner implements Pruner {
  private final ThresholdConfig config;
  private final CheckedSteps checkedSteps;

  ThresholdPruner(ThresholdConfig config) {
    this.config = java.util.Objects.requireNonNull(config, "config");
    this.checkedSteps = new CheckedSteps(config.warmupSteps(), config.intervalSteps());
  }

  @Override
  public PruneDecision prune(StudyView study, FrozenTrial trial) {
    if (trial.intermediateValues().isEmpty()) {
      return PruneDecision.keep("nothing reported yet");
    }
    int step = trial.intermediateValues().lastKey();
    if (!checkedSteps.isChecked(trial)) {
      return PruneDecision.keep("step " + step + " is not checked" + checkedSteps.describe());
    }
    double value = trial.intermediateValues().get(step);
    if (Double.isNaN(value)) {
      return PruneDecision.prune("value at step " + step + " is NaN");
    }
    if (value < config.lower()) {
      return PruneDecision.prune("value " + value + " at step " + step
          + " is below the lower bound " + config.lower());
    }
    if (value > config.upper()) {
      return PruneDecision.prune("value " + value + " at step " + step
          + " is above the upper bound " + config.upper());
    }
    return PruneDecision.keep("value " + value + " at step " + step + " is within ["
        + config.lower() + ", " + config.upper() + "]");
  }

  /** A trial is judged by its own reports alone. */
  @Override
  public boolean readsHistory() {
    return false;
  }

  @Override
  public String toString() {
    return "ThresholdPruner" + config.toString().substring("ThresholdConfig".length());
  }
}
