package dev.jtune.pruner;

import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialState;

/** Test helpers: studies with a pruner, trials with given learning curves. */
final class Curves {
  private Curves() {}

  static Study study(Pruner pruner, StudyDirection direction) {
    return Study.builder().name("pruner-test").direction(direction).pruner(pruner).build();
  }

  /** Asks a trial, reports {@code values} at steps 0, 1, ..., and tells it COMPLETE with the last. */
  static FrozenTrial complete(Study study, double... values) {
    Trial trial = study.ask();
    for (int step = 0; step < values.length; step++) {
      trial.report(step, values[step]);
    }
    return study.tell(trial, values[values.length - 1]);
  }

  /**
   * Tells the trial PRUNED, as an objective obeying its pruner would, and returns the reason stored
   * with it (the verdict's; see {@code Trial.shouldPrune}).
   */
  static Object prunedReason(Study study, Trial trial) {
    return study.tell(trial, TrialState.PRUNED).systemAttrs().get(FrozenTrial.PRUNE_REASON);
  }

  /** Reports and asks the pruner; returns whether it said prune. */
  static boolean reportAndAsk(Trial trial, int step, double value) {
    trial.report(step, value);
    return trial.shouldPrune();
  }
}
