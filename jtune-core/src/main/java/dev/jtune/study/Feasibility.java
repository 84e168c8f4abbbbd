package dev.jtune.study;

import dev.jtune.trial.FrozenTrial;
import java.util.Collection;
import java.util.List;

/**
 * Which trials of a constrained study count, read from the constraint values stored with them
 * ({@link FrozenTrial#CONSTRAINTS}; see {@link dev.jtune.sampler.Constraints}). A set of trials is
 * constrained when any of them carries that attribute; in it, a trial is feasible when it has
 * values and every one is at most 0, and a trial without values (they could not be had, or it was
 * added from elsewhere) is not, as in Optuna's {@code _get_feasible_trials} (Optuna 3.2 and
 * later). In a set without stored constraints every trial is feasible. The number of values is not
 * checked (a trial with fewer constraints than the others is judged by those it has). Stateless.
 */
public final class Feasibility {
  private Feasibility() {}

  /** Whether any of the trials has constraints stored: a constrained study's trials. */
  public static boolean constrained(Collection<FrozenTrial> trials) {
    for (FrozenTrial t : trials) {
      if (hasConstraints(t)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the trial carries the constraints attribute (with values or {@code null}). */
  public static boolean hasConstraints(FrozenTrial trial) {
    return trial.systemAttrs().containsKey(FrozenTrial.CONSTRAINTS);
  }

  /** Whether the trial has stored constraint values and every one holds (is at most 0). */
  public static boolean feasible(FrozenTrial trial) {
    return violation(trial) == 0;
  }

  /**
   * How far the trial misses its stored constraints: the sum of the positive values, 0 when every
   * one holds, infinite when it has no values.
   */
  public static double violation(FrozenTrial trial) {
    return trial.constraintValues().map(Feasibility::violation).orElse(Double.POSITIVE_INFINITY);
  }

  /** The sum of the positive values: 0 when every constraint holds. */
  public static double violation(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v > 0 ? v : 0;
    }
    return sum;
  }

  /**
   * The feasible trials, in the order given, when the trials are constrained; all of them when
   * none has constraints stored.
   */
  public static List<FrozenTrial> filter(List<FrozenTrial> trials) {
    if (!constrained(trials)) {
      return List.copyOf(trials);
    }
    return trials.stream().filter(Feasibility::feasible).toList();
  }
}
