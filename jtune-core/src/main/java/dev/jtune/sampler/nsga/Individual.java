package dev.jtune.sampler.nsga;

import dev.jtune.internal.NonDominatedSort;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import java.util.Arrays;
import java.util.List;

/**
 * A complete trial as NSGA-II ranks it: its values turned to minimization, and whether it meets
 * its constraints and by how much it misses them (the sum of the positive constraint values).
 */
record Individual(FrozenTrial trial, double[] objectives, boolean feasible, double violation) {

  /**
   * The individual of a complete trial.
   *
   * @throws IllegalArgumentException naming the trial if its constraints are null or NaN
   */
  static Individual of(FrozenTrial trial, List<StudyDirection> directions,
      Constraints constraints) {
    double[] objectives = new double[directions.size()];
    for (int i = 0; i < objectives.length; i++) {
      objectives[i] = directions.get(i).toMinimized(trial.values().get(i));
    }
    if (constraints == null) {
      return new Individual(trial, objectives, true, 0);
    }
    double[] c = constraints.of(trial);
    if (c == null) {
      throw new IllegalArgumentException("the constraints of trial " + trial.number()
          + " are null; return an empty array for a trial without constraints");
    }
    double violation = 0;
    for (double v : c) {
      if (Double.isNaN(v)) {
        throw new IllegalArgumentException("the constraints of trial " + trial.number()
            + " contain NaN: " + Arrays.toString(c));
      }
      if (v > 0) {
        violation += v;
      }
    }
    return new Individual(trial, objectives, violation == 0, violation);
  }

  /** The number of the trial. */
  int number() {
    return trial.number();
  }

  /**
   * Constrained domination (Deb et al. 2002): a feasible individual beats an infeasible one, of
   * two infeasible ones the smaller violation wins, and two feasible ones compare by Pareto
   * domination (at least as good in every objective and better in one). Without constraints
   * every individual is feasible, so this is plain Pareto domination.
   */
  boolean dominates(Individual other) {
    if (feasible != other.feasible) {
      return feasible;
    }
    if (!feasible) {
      return violation < other.violation;
    }
    return NonDominatedSort.dominates(objectives, other.objectives);
  }
}
