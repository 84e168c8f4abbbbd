package dev.jtune.terminator;

import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.List;

/**
 * The trials left before the best value has gone {@code maxStagnantTrials} complete trials
 * without improving (Optuna's {@code BestValueStagnationEvaluator}); paired with
 * {@link ErrorEvaluator#fixed fixed(0)}, the study stops once it has.
 *
 * @param maxStagnantTrials how many complete trials in a row may fail to beat the best, {@code >= 0}
 */
public record BestValueStagnation(int maxStagnantTrials) implements ImprovementEvaluator {

  public BestValueStagnation {
    if (maxStagnantTrials < 0) {
      throw new IllegalArgumentException("maxStagnantTrials=" + maxStagnantTrials
          + " must be >= 0");
    }
  }

  /** Counting costs nothing: judged after every trial, however large the study. */
  @Override
  public boolean costly() {
    return false;
  }

  @Override
  public double evaluate(List<FrozenTrial> trials, StudyDirection direction) {
    List<FrozenTrial> complete = trials.stream()
        .filter(t -> t.state() == TrialState.COMPLETE).toList();
    if (complete.isEmpty()) {
      throw new IllegalArgumentException("no trial has completed: stagnation is counted from "
          + "the first complete one");
    }
    int best = 0;
    for (int i = 1; i < complete.size(); i++) {
      if (direction.toMinimized(complete.get(i).value())
          < direction.toMinimized(complete.get(best).value())) {
        best = i;
      }
    }
    return maxStagnantTrials - (complete.size() - 1 - best);
  }
}
