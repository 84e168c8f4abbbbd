package dev.jtune.sampler.gp;

import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import java.util.List;
import java.util.SplittableRandom;

/**
 * ParEGO (Knowles 2006): a study of several objectives seen by the one-objective GP through a
 * scalarization drawn afresh for each trial, so that successive trials aim at different parts of
 * the Pareto front. Each objective is turned to minimization and normalized to [0, 1] over the
 * completed trials; a weight vector is drawn uniformly from the simplex (as BoTorch's qParEGO
 * does, where Knowles used a fixed lattice); the trial's value is the augmented Chebyshev
 * distance {@code max_j w_j f_j + rho * sum_j w_j f_j} with {@code rho = 0.05}, negated for the
 * GP, which maximizes. Unlike a weighted sum, the Chebyshev term reaches points on concave parts
 * of the front. Before normalizing, each objective's bad outliers are raised to its Tukey fence as
 * the one-objective GP does ({@link GpSampler#clipBadOutliers}): one diverged trial would
 * otherwise squeeze every other value of that objective to 0 and take it out of the question.
 */
final class ParEgo {
  /** Knowles's augmentation weight: breaks ties between weakly dominated points. */
  static final double RHO = 0.05;

  private ParEgo() {}

  /** A weight vector uniform on the simplex (normalized exponential draws), all entries > 0. */
  static double[] weights(int objectives, SplittableRandom rng) {
    double[] w = new double[objectives];
    double sum = 0;
    for (int j = 0; j < objectives; j++) {
      w[j] = -Math.log(1 - rng.nextDouble()) + 1e-12;
      sum += w[j];
    }
    for (int j = 0; j < objectives; j++) {
      w[j] /= sum;
    }
    return w;
  }

  /**
   * The scalarized values of {@code complete}, larger is better: each objective minimized, its bad
   * outliers (an infinite bad value included) raised to its fence, normalized by its finite range
   * (an infinite good value lands on 0, a constant objective at 0), then
   * {@code -(max_j w_j f_j + RHO * sum_j w_j f_j)}.
   */
  static double[] scalarize(List<FrozenTrial> complete, List<StudyDirection> directions,
      double[] weights) {
    int m = directions.size();
    int n = complete.size();
    double[] low = new double[m];
    double[] high = new double[m];
    java.util.Arrays.fill(low, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(high, Double.NEGATIVE_INFINITY);
    double[][] f = new double[n][m];
    double[] column = new double[n];
    for (int j = 0; j < m; j++) {
      for (int i = 0; i < n; i++) {
        double v = complete.get(i).values().get(j);
        column[i] = directions.get(j) == StudyDirection.MAXIMIZE ? v : -v;   // larger is better
      }
      GpSampler.clipBadOutliers(column);
      for (int i = 0; i < n; i++) {
        f[i][j] = -column[i];
        if (Double.isFinite(f[i][j])) {
          low[j] = Math.min(low[j], f[i][j]);
          high[j] = Math.max(high[j], f[i][j]);
        }
      }
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      double sum = 0;
      for (int j = 0; j < m; j++) {
        double range = high[j] - low[j];
        double unit;
        if (f[i][j] == Double.NEGATIVE_INFINITY) {
          unit = 0;
        } else if (f[i][j] == Double.POSITIVE_INFINITY) {
          unit = 1;
        } else {
          unit = range > 0 && Double.isFinite(range) ? (f[i][j] - low[j]) / range : 0;
        }
        max = Math.max(max, weights[j] * unit);
        sum += weights[j] * unit;
      }
      y[i] = -(max + RHO * sum);
    }
    return y;
  }
}
