package dev.jtune.sampler;

import dev.jtune.study.Hypervolume;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.List;

/**
 * ZDT1 (Zitzler, Deb and Thiele 2000) in six variables on [0, 1], both objectives minimized: a
 * convex front at g = 1. The multi-objective samplers' tests measure their fronts on it.
 */
public final class Zdt1 {
  private Zdt1() {}

  /** The two objectives of the trial's point (parameters {@code x0} to {@code x5}). */
  public static double[] evaluate(Trial t) {
    int n = 6;
    double f1 = t.suggestFloat("x0", 0, 1);
    double sum = 0;
    for (int i = 1; i < n; i++) {
      sum += t.suggestFloat("x" + i, 0, 1);
    }
    double g = 1 + 9 * sum / (n - 1);
    return new double[] {f1, g * (1 - Math.sqrt(f1 / g))};
  }

  /** The hypervolume of the complete trials against {@code (r1, r2)}. */
  public static double hypervolume(List<FrozenTrial> trials, double r1, double r2) {
    List<double[]> points = new ArrayList<>();
    for (FrozenTrial t : trials) {
      if (t.state() == TrialState.COMPLETE) {
        points.add(new double[] {t.values().get(0), t.values().get(1)});
      }
    }
    return Hypervolume.of(points, new double[] {r1, r2});
  }

  /** The hypervolume against (1.1, 11) of a study of {@code trials} trials with {@code sampler}. */
  public static double hypervolume(Sampler sampler, int trials) {
    Study study = Study.builder().directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
        .sampler(sampler).build();
    study.optimizeMulti(Zdt1::evaluate, OptimizeOptions.trials(trials));
    return hypervolume(study.trials(), 1.1, 11);
  }
}
