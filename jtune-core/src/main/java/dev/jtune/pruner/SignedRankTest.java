package dev.jtune.pruner;

import java.util.Arrays;
import org.hipparchus.special.Erf;

/**
 * The one-sided Wilcoxon signed-rank test on paired differences, as SciPy's
 * {@code scipy.stats.wilcoxon(d, alternative=..., zero_method="zsplit")} computes it (the form
 * Optuna's {@code WilcoxonPruner} calls). The statistic is {@code W+}, the sum of the ranks of
 * {@code |d|} (ties get their average rank) over the positive differences, a zero's rank split
 * half and half between the signs. Its p-value is exact (the null distribution of {@code W+}
 * counted over all sign patterns) for at most 50 differences without zeros or tied magnitudes;
 * otherwise it is the normal approximation with the tie correction of the variance and no
 * continuity correction. Deviation from SciPy 1.10 (Debian's, under Optuna): with tied
 * magnitudes and at most 50 differences SciPy reads the exact table at the truncated
 * statistic; this uses the approximation, which accounts for the ties.
 */
final class SignedRankTest {
  private static final int EXACT_UP_TO = 50;

  private SignedRankTest() {}

  /**
   * The p-value of the hypothesis that the differences are centred at 0, against the alternative
   * that they tend to be negative ({@code lessThanZero}) or positive.
   *
   * @param differences finite, at least one
   */
  static double pValue(double[] differences, boolean lessThanZero) {
    int n = differences.length;
    if (n == 0) {
      throw new IllegalArgumentException("no differences to test");
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(differences[i])) {
        throw new IllegalArgumentException("difference " + differences[i] + " is not finite");
      }
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(Math.abs(differences[a]),
        Math.abs(differences[b])));
    double[] ranks = new double[n];
    double tieTerm = 0;   // sum over tie groups of t (t^2 - 1)
    boolean tied = false;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && Math.abs(differences[order[j + 1]]) == Math.abs(differences[order[i]])) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        ranks[order[k]] = rank;
      }
      double t = j - i + 1;
      tieTerm += t * (t * t - 1);
      tied |= t > 1;
      i = j + 1;
    }
    double plus = 0;
    boolean zeros = false;
    for (int i = 0; i < n; i++) {
      if (differences[i] > 0) {
        plus += ranks[i];
      } else if (differences[i] == 0) {
        plus += ranks[i] / 2;
        zeros = true;
      }
    }
    if (n <= EXACT_UP_TO && !zeros && !tied) {
      return exact(n, (int) plus, lessThanZero);
    }
    double mean = n * (n + 1) / 4.0;
    double sd = Math.sqrt((n * (n + 1.0) * (2 * n + 1) - 0.5 * tieTerm) / 24);
    double z = (plus - mean) / sd;
    double below = 0.5 * Erf.erfc(-z / Math.sqrt(2));
    return lessThanZero ? below : 0.5 * Erf.erfc(z / Math.sqrt(2));
  }

  /** {@code P(W+ <= w)} (or {@code >= w}) under the null, over the 2^n sign patterns. */
  private static double exact(int n, int w, boolean atMost) {
    int top = n * (n + 1) / 2;
    double[] count = new double[top + 1];   // sign patterns of 1..k with W+ = s; exact below 2^53
    count[0] = 1;
    for (int k = 1; k <= n; k++) {
      for (int s = top; s >= k; s--) {
        count[s] += count[s - k];
      }
    }
    double tail = 0;
    for (int s = atMost ? 0 : w; atMost ? s <= w : s <= top; s++) {
      tail += count[s];
    }
    return Math.min(1, Math.max(0, tail / Math.pow(2, n)));
  }
}
