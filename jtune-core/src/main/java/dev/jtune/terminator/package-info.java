/**
 * Stopping a study when tuning further is unlikely to pay (Optuna's {@code optuna.terminator}): a
 * {@link dev.jtune.terminator.Terminator} compares the room left for improvement
 * ({@link dev.jtune.terminator.ImprovementEvaluator}: a GP regret bound, or the trials left before
 * the best value counts as stagnant) with the objective's own statistical error
 * ({@link dev.jtune.terminator.ErrorEvaluator}: the spread of the best trial's cross-validation
 * folds or of its executions from several seeds, or a fixed tolerance), and {@link dev.jtune.terminator.TerminatorCallback} stops the
 * study once the room is the smaller.
 */
package dev.jtune.terminator;
