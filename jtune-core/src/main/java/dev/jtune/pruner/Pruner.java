package dev.jtune.pruner;

import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;

/**
 * Decides whether a running trial should stop early, from its reported intermediate values and those
 * of the study's other trials. Called from {@link dev.jtune.trial.Trial#shouldPrune()} on the
 * objective's thread; implementations must be thread-safe and should decide from stored data only,
 * so that workers in different processes agree.
 */
@FunctionalInterface
public interface Pruner {

  /** The verdict for {@code trial} (a snapshot including its latest report). */
  PruneDecision prune(StudyView study, FrozenTrial trial);

  /** A pruner that never prunes. */
  static Pruner none() {
    return NopPruner.INSTANCE;
  }
}
