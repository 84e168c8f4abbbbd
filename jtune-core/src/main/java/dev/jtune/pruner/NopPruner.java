package dev.jtune.pruner;

import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;

/** Never prunes; what {@link Pruner#none()} returns. */
enum NopPruner implements Pruner {
  INSTANCE;

  @Override
  public PruneDecision prune(StudyView study, FrozenTrial trial) {
    return PruneDecision.keep();
  }

  @Override
  public boolean readsHistory() {
    return false;
  }

  @Override
  public String toString() {
    return "Pruner.none()";
  }
}
