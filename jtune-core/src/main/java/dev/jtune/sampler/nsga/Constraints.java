package dev.jtune.sampler.nsga;

import dev.jtune.trial.FrozenTrial;

/**
 * The constraints of a study's trials, for {@link NsgaIISampler}'s constrained domination (Deb et
 * al. 2002, as Optuna's {@code constraints_func}): one number per constraint, at most 0 where it
 * holds, and how far it is violated where it is above 0.
 *
 * <p>It is asked again by every worker for every complete trial it compares, so it must be a pure
 * function of the trial: usually it reads what the objective stored, e.g.
 * {@code t -> new double[] {(double) t.userAttrs().get("latency_ms") - 20}} after the objective
 * called {@code trial.setUserAttr("latency_ms", ms)}. Every complete trial must get the same number
 * of constraints, none of them NaN. A trial whose constraints cannot be had (the function throws or
 * returns null, a NaN, or another number of values than the lowest-numbered trial ranked with it)
 * is ranked as Optuna ranks a trial without constraint values: below every trial that has them,
 * with one WARN line naming it and why; the study goes on.
 */
@FunctionalInterface
public interface Constraints {

  /** The constraint values of a complete trial. */
  double[] of(FrozenTrial trial);
}
