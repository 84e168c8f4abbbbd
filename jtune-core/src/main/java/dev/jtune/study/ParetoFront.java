package dev.jtune.study;

import dev.jtune.internal.NonDominatedSort;
import dev.jtune.trial.FrozenTrial;
import java.util.ArrayList;
import java.util.List;

/**
 * The non-dominated trials of a set, by their values and the study's directions: what
 * {@link Study#bestTrials()} returns, for tools that hold trials read from a storage without a
 * {@code Study} (the dashboard's index).
 */
public final class ParetoFront {
  private ParetoFront() {}

  /**
   * The trials that no other trial of {@code trials} dominates (at least as good in every
   * objective and better in one), in the order given; every trial must have one value per
   * direction (pass COMPLETE trials).
   */
  public static List<FrozenTrial> of(List<FrozenTrial> trials, List<StudyDirection> directions) {
    // each trial's values turned to minimization once, then Pareto domination between them
    double[][] minimized = new double[trials.size()][directions.size()];
    for (int k = 0; k < minimized.length; k++) {
      for (int i = 0; i < directions.size(); i++) {
        minimized[k][i] = directions.get(i).toMinimized(trials.get(k).values().get(i));
      }
    }
    List<FrozenTrial> front = new ArrayList<>();
    for (int c = 0; c < minimized.length; c++) {
      boolean dominated = false;
      for (int o = 0; o < minimized.length && !dominated; o++) {
        dominated = o != c && NonDominatedSort.dominates(minimized[o], minimized[c]);
      }
      if (!dominated) {
        front.add(trials.get(c));
      }
    }
    return List.copyOf(front);
  }
}
