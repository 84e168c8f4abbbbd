package dev.jtune.study;

import dev.jtune.trial.FrozenTrial;

/**
 * Called after each trial of {@link Study#optimize} finishes, on the worker thread that ran it. A
 * callback that throws a {@link RuntimeException} is logged and ignored; the study goes on. An
 * {@link Error} (a failed assertion, say) ends the run as an {@code Error} of the objective does,
 * and is thrown from {@code optimize}. Callbacks may run concurrently when {@code jobs > 1}. A
 * callback may call {@link Study#stop()}.
 */
@FunctionalInterface
public interface StudyCallback {
  /** Receives the study and the snapshot of the trial that just finished. */
  void afterTrial(Study study, FrozenTrial trial);
}
