package dev.jtune.study;

import dev.jtune.trial.Trial;

/**
 * An objective with several values, one per study direction (accuracy and latency, say). The study
 * keeps every value and reports the Pareto-optimal trials with {@link Study#bestTrials()}.
 * Failure rules are those of {@link Objective}; returning the wrong number of values fails the trial.
 */
@FunctionalInterface
public interface MultiObjective {
  /** Evaluates one trial; the array has one value per study direction. */
  double[] evaluate(Trial trial) throws Exception;
}
