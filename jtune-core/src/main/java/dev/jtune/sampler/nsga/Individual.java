package dev.jtune.sampler.nsga;

import dev.jtune.internal.NonDominatedSort;
import dev.jtune.sampler.Constraints;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import java.util.List;

/**
 * A complete trial as NSGA-II ranks it: its values turned to minimization and, in a constrained
 * study, its constraint values, or why it has none.
 *
 * @param trial the trial
 * @param objectives its values, minimized
 * @param constraints its constraint values; {@code null} in an unconstrained study or when they
 *     cannot be had
 * @param problem why a constrained trial has no constraint values, else {@code null}
 */
record Individual(FrozenTrial trial, double[] objectives, double[] constraints, String problem) {

  /** The individual of a complete trial; a failing constraint function leaves a problem. */
  static Individual of(FrozenTrial trial, List<StudyDirection> directions,
      Constraints constraints) {
    double[] objectives = new double[directions.size()];
    for (int i = 0; i < objectives.length; i++) {
      objectives[i] = directions.get(i).toMinimized(trial.values().get(i));
    }
    if (constraints == null) {
      return new Individual(trial, objectives, null, null);
    }
    Constraints.Outcome c = constraints.evaluate(trial);
    return new Individual(trial, objectives, c.values(), c.problem());
  }

  /** The same trial without constraint values, for {@code problem}. */
  Individual withoutConstraints(String why) {
    return new Individual(trial, objectives, null, why);
  }

  /** The number of the trial. */
  int number() {
    return trial.number();
  }

  /** Whether the trial lacks constraint values in a constrained study. */
  boolean missing() {
    return problem != null;
  }

  /** Whether every constraint holds (always, in an unconstrained study). */
  boolean feasible() {
    return violation() == 0;
  }

  /** The sum of the positive constraint values; 0 without constraints. */
  double violation() {
    return constraints == null ? 0 : Constraints.violation(constraints);
  }

  /**
   * Constrained domination (Deb et al. 2002, as Optuna's): a trial with constraint values beats
   * one without; a feasible trial beats an infeasible one; of two infeasible ones the smaller
   * violation wins; two feasible ones (or two without constraint values) compare by Pareto
   * domination (at least as good in every objective and better in one). In an unconstrained study
   * this is plain Pareto domination.
   */
  boolean dominates(Individual other) {
    if (missing() != other.missing()) {
      return !missing();
    }
    if (!missing()) {
      boolean feasible = feasible();
      if (feasible != other.feasible()) {
        return feasible;
      }
      if (!feasible) {
        return violation() < other.violation();
      }
    }
    return NonDominatedSort.dominates(objectives, other.objectives);
  }
}
