package dev.jtune.importance;

import dev.jtune.internal.TruncatedNormal;
import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.IntDistribution;
import dev.jtune.trial.FrozenTrial;
import java.util.List;

/**
 * The density of one parameter's values among some trials, on a grid of its range: PED-ANOVA's
 * one-dimensional Parzen estimator (Optuna's {@code ScottParzenEstimator} on its grid).
 *
 * <p>A number is counted into {@value #STEPS} evenly spaced cells of its range (on the log scale
 * for a log parameter; fewer for a stepped or integer range with fewer values, and about
 * {@code log2} of the range for a log integer), a choice into one cell per choice. The estimate is
 * a mixture of one kernel per occupied cell, weighted by its count, and a prior kernel of weight
 * {@value #PRIOR_WEIGHT}: for numbers, normal kernels truncated to the grid and discretized on it,
 * with Scott's bandwidth ({@code 1.059 min(IQR/1.34, sd) n^-1/5}, at least {@code 0.5/1.64} cells)
 * and a prior as wide as the grid at its middle; for choices, each kernel puts one unit on its
 * choice over a uniform prior share.
 */
final class GridParzenEstimator {
  /** Cells of a continuous range. */
  static final int STEPS = 50;
  /** How close to the midpoint between two cells a value counts as on it, in cells. */
  static final double MIDPOINT = 1e-9;
  /** The weight of the prior kernel. */
  static final double PRIOR_WEIGHT = 1.0;

  private GridParzenEstimator() {}

  /** The number of cells {@code dist}'s grid has. */
  static int gridSize(Distribution dist) {
    if (dist instanceof CategoricalDistribution c) {
      return c.size();
    }
    if (dist instanceof IntDistribution i) {
      // in long arithmetic: a range as wide as the ints would overflow an int
      return i.log()
          ? Math.min((int) Math.ceil(Math.log((double) i.high() - i.low() + 1.0) / Math.log(2))
              + 1, STEPS)
          : (int) Math.min(i.gridSize(), STEPS);
    }
    FloatDistribution f = (FloatDistribution) dist;
    return f.hasStep() ? (int) Math.min(f.gridSize(), STEPS) : STEPS;
  }

  /** How many of {@code trials}' values of {@code param} fall in each cell of the grid. */
  static int[] counts(String param, Distribution dist, List<FrozenTrial> trials) {
    int n = gridSize(dist);
    int[] counts = new int[n];
    if (dist instanceof CategoricalDistribution) {
      for (FrozenTrial t : trials) {
        counts[(int) t.internalParams().get(param).doubleValue()]++;
      }
      return counts;
    }
    boolean log = dist instanceof FloatDistribution f ? f.log()
        : ((IntDistribution) dist).log();
    double low = dist instanceof FloatDistribution f ? f.low() : ((IntDistribution) dist).low();
    double high = dist instanceof FloatDistribution f ? f.high()
        : ((IntDistribution) dist).high();
    if (log) {
      low = Math.log(low);
      high = Math.log(high);
    }
    double cell = (high - low) / (n - 1);
    for (FrozenTrial t : trials) {
      double v = t.internalParams().get(param);
      double x = log ? Math.log(v) : v;
      // a value half-way between two cells goes to the lower one, as Optuna's; within 1e-9 of a
      // cell, as the logarithms of a log integer's midpoints (10 on [1, 100] with 8 cells) land
      // on either side of it by a rounding (numpy 1.24's log(10) is an ulp below Java's)
      int index = (int) Math.ceil((x - low) / cell - 0.5 - MIDPOINT);
      counts[Math.max(0, Math.min(n - 1, index))]++;
    }
    return counts;
  }

  /**
   * The estimated probability of each cell, from {@code counts} (at least one occupied cell), for
   * a categorical grid or a numerical one.
   */
  static double[] pdf(int[] counts, boolean categorical) {
    int n = counts.length;
    int kernels = 0;
    double total = PRIOR_WEIGHT;
    for (int c : counts) {
      if (c > 0) {
        kernels++;
        total += c;
      }
    }
    double[] pdf = new double[n];
    if (categorical) {
      int mixture = kernels + 1;
      double share = PRIOR_WEIGHT / mixture;
      double rowSum = share * n + 1;
      for (int k = 0; k < n; k++) {
        if (counts[k] > 0) {
          double w = counts[k] / total;
          for (int x = 0; x < n; x++) {
            pdf[x] += w * (share + (x == k ? 1 : 0)) / rowSum;
          }
        }
      }
      for (int x = 0; x < n; x++) {
        pdf[x] += PRIOR_WEIGHT / total / n;
      }
      return pdf;
    }
    double sigma = scottBandwidth(counts);
    for (int k = 0; k < n; k++) {
      if (counts[k] > 0) {
        addKernel(pdf, counts[k] / total, k, sigma);
      }
    }
    addKernel(pdf, PRIOR_WEIGHT / total, (n - 1) / 2.0, n);
    return pdf;
  }

  /** Adds {@code weight} times a normal kernel at {@code mu}, cut to the grid and discretized. */
  private static void addKernel(double[] pdf, double weight, double mu, double sigma) {
    int n = pdf.length;
    double logAll = TruncatedNormal.logGaussMass((-0.5 - mu) / sigma, (n - 0.5 - mu) / sigma);
    for (int x = 0; x < n; x++) {
      pdf[x] += weight * Math.exp(TruncatedNormal.logGaussMass((x - 0.5 - mu) / sigma,
          (x + 0.5 - mu) / sigma) - logAll);
    }
  }

  /**
   * Scott's rule on the occupied cells weighted by their counts: {@code 1.059 min(IQR/1.34, sd)
   * n^-1/5}, at least {@code 0.5/1.64} of a cell (so that 90% of a kernel's mass stays within a
   * cell of its centre).
   */
  static double scottBandwidth(int[] counts) {
    int n = 0;
    double sum = 0;
    for (int k = 0; k < counts.length; k++) {
      n += counts[k];
      sum += (double) k * counts[k];
    }
    double mean = sum / n;
    double squares = 0;
    for (int k = 0; k < counts.length; k++) {
      squares += counts[k] * (k - mean) * (k - mean);
    }
    double sd = Math.sqrt(squares / Math.max(1, n - 1));
    // the cells holding the n/4-th and 3n/4-th values (integer quarters, as Optuna's)
    int q1 = -1;
    int q3 = -1;
    int last = -1;
    int cumulative = 0;
    for (int k = 0; k < counts.length; k++) {
      if (counts[k] == 0) {
        continue;
      }
      cumulative += counts[k];
      last = k;
      if (q1 < 0 && cumulative >= n / 4) {
        q1 = k;
      }
      if (q3 < 0 && cumulative > n * 3 / 4) {
        q3 = k;
      }
    }
    double iqr = (q3 < 0 ? last : q3) - q1;
    double sigma = 1.059 * Math.min(iqr / 1.34, sd) * Math.pow(n, -0.2);
    return Math.max(sigma, 0.5 / 1.64);
  }
}
