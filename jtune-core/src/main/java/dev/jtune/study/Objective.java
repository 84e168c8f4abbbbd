package dev.jtune.study;

import dev.jtune.trial.Trial;

/**
 * The function being optimized: it asks the trial for hyperparameters, trains or evaluates with them,
 * and returns one value (minimized or maximized by the study's direction).
 *
 * <p>Throwing {@link dev.jtune.trial.TrialPrunedException} marks the trial PRUNED; any other exception,
 * or a NaN result, marks it FAIL with the reason stored, and the study goes on (unless configured to
 * re-throw). An objective may run on several threads at once when {@code jobs > 1}.
 */
@FunctionalInterface
public interface Objective {
  /** Evaluates one trial. */
  double evaluate(Trial trial) throws Exception;
}
