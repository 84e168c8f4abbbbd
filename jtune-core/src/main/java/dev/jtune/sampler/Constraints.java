package dev.jtune.sampler;

import dev.jtune.trial.FrozenTrial;

/**
 * The constraints of a study's trials, as Optuna's {@code constraints_func}: one number per
 * constraint, at most 0 where it holds, and how far it is violated where it is above 0. Given to
 * {@link dev.jtune.sampler.nsga.NsgaIISampler} (constrained domination, Deb et al. 2002) or
 * {@link dev.jtune.sampler.tpe.TpeSampler} (feasible trials first in the good group, then the
 * smallest violations).
 *
 * <p>It is asked again by every worker for every complete trial it compares, so it must be a pure
 * function of the trial: usually it reads what the objective stored, e.g.
 * {@code t -> new double[] {(double) t.userAttrs().get("latency_ms") - 20}} after the objective
 * called {@code trial.setUserAttr("latency_ms", ms)}. Every complete trial must get the same number
 * of constraints, none of them NaN. A trial whose constraints cannot be had (the function throws or
 * returns null or a NaN; for NSGA-II also another number of values than most trials ranked with
 * it) is ranked as Optuna ranks a trial without constraint values: below every trial
 * that has them, with one WARN line naming it and why; the study goes on.
 */
@FunctionalInterface
public interface Constraints {

  /** The constraint values of a complete trial. */
  double[] of(FrozenTrial trial);

  /**
   * What {@link #of} gives for a trial: its values, or why there are none.
   *
   * @param values a copy of the constraint values, or {@code null}
   * @param problem why there are none (the function threw or returned null or a NaN), else
   *     {@code null}
   */
  record Outcome(double[] values, String problem) {
    /** The sum of the positive values: 0 when every constraint holds. */
    public double violation() {
      return Constraints.violation(values);
    }
  }

  /** The sum of the positive constraint values: 0 when every constraint holds. */
  static double violation(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v > 0 ? v : 0;
    }
    return sum;
  }

  /** Asks {@link #of} and checks the answer; never throws for the function's faults. */
  default Outcome evaluate(FrozenTrial trial) {
    double[] c;
    try {
      c = of(trial);
    } catch (RuntimeException e) {
      return new Outcome(null, "the constraint function threw " + e);
    }
    if (c == null) {
      return new Outcome(null, "the constraint function returned null");
    }
    for (double v : c) {
      if (Double.isNaN(v)) {
        return new Outcome(null, "its constraints contain NaN: " + java.util.Arrays.toString(c));
      }
    }
    return new Outcome(c.clone(), null);
  }
}
