package dev.jtune.trial;

/** The life cycle of a trial: {@code WAITING -> RUNNING -> COMPLETE | PRUNED | FAIL}. */
public enum TrialState {
  /** Being evaluated by a worker. */
  RUNNING,
  /** Finished normally; its values are the objective's result. */
  COMPLETE,
  /** Stopped early by a pruner (or by the objective throwing {@link TrialPrunedException}). */
  PRUNED,
  /** The objective threw, returned NaN, or the worker died; the reason is stored with the trial. */
  FAIL,
  /** Enqueued with fixed parameters and not yet claimed by a worker. */
  WAITING;

  /** Whether the state is final: {@code COMPLETE}, {@code PRUNED} or {@code FAIL}. */
  public boolean isFinished() {
    return this == COMPLETE || this == PRUNED || this == FAIL;
  }
}
