package dev.jtune.dashboard;

import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import java.util.ArrayList;
import java.util.List;

/**
 * The best value so far of a study's complete trials as a step line: {@code (trial number, best)}
 * corners, the best changing only at a trial that beats it, the line running on to the last trial.
 */
final class BestSoFar {
  private BestSoFar() {}

  /**
   * The corners, in trial-number order, from complete trials with a finite value of
   * {@code objective} given in number order; empty without such a trial.
   */
  static List<double[]> corners(List<FrozenTrial> trials, int objective,
      StudyDirection direction) {
    List<FrozenTrial> shown = trials.stream()
        .filter(t -> Double.isFinite(t.values().get(objective))).toList();
    List<double[]> corners = new ArrayList<>();
    double best = Double.NaN;
    for (int i = 0; i < shown.size(); i++) {
      FrozenTrial t = shown.get(i);
      double v = t.values().get(objective);
      boolean better = Double.isNaN(best)
          || (direction == StudyDirection.MINIMIZE ? v < best : v > best);
      if (better) {
        if (!Double.isNaN(best)) {
          corners.add(new double[] {t.number(), best});
        }
        best = v;
      }
      if (better || i == shown.size() - 1) {
        corners.add(new double[] {t.number(), best});
      }
    }
    return corners;
  }
}
