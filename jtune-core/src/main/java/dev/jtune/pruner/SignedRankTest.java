package dev.jtune.pruner;

import java.util.Arrays;
import org.hipparchus.special.Erf;

/**
 * The one-sided Wilcoxon signed-rank test on paired differences, as SciPy's
 * {@code scipy.stats.wilcoxon(d, alternative=..., zero_method="zsplit")} computes it (the form
 * Optuna's {@code WilcoxonPruner} calls). The statistic is {@code W+}, the sum of the ranks of
 * {@code |d|} (ties get their average rank) over the positive differences, a zero's rank split
 * half and half between the signs. Its p-value is exact (the null distribution of {@code W+}
 * counted over all sign patterns of the ranks, ties included) for at most 50 differences without
 * zeros; otherwise it is the normal approximation with the tie correction of the variance and no
 * continuity correction. Deviation from SciPy 1.10 (Debian's, under Optuna): with tied
 * magnitudes and at most 50 differences SciPy reads the untied exact table at the truncated
 * statistic; this counts the sign patterns of the tied ranks, so that two equal differences give
 * 1/4, never less (the normal approximation, tried first, gave 0.079 and pruned after two
 * folds).
 */
final class SignedRankTest {
  private static final int EXACT_UP_TO = 50;

  private SignedRankTest() {}

  /**
   * The p-value of the hypothesis that the differences are centred at 0, against the alternative
   * that they tend to be negative ({@code lessThanZero}) or positive.
   *
   * @param differences not NaN, at least one
   */
  static double pValue(double[] differences, boolean lessThanZero) {
    int n = differences.length;
    if (n == 0) {
      throw new IllegalArgumentException("no differences to test");
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(differences[i])) {   // an infinite one ranks last, as in SciPy
        throw new IllegalArgumentException("difference " + i + " is NaN");
      }
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(Math.abs(differences[a]),
        Math.abs(differences[b])));
    double[] ranks = new double[n];
    double tieTerm = 0;   // sum over tie groups of t (t^2 - 1)
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
    if (n <= EXACT_UP_TO && !zeros) {
      return exact(ranks, plus, lessThanZero);
    }
    double mean = n * (n + 1.0) / 4;
    double sd = Math.sqrt((n * (n + 1.0) * (2 * n + 1) - 0.5 * tieTerm) / 24);
    double z = (plus - mean) / sd;
    double below = 0.5 * Erf.erfc(-z / Math.sqrt(2));
    return lessThanZero ? below : 0.5 * Erf.erfc(z / Math.sqrt(2));
  }

  /**
   * {@code P(W+ <= w)} (or {@code >= w}) under the null, over the {@code 2^n} sign patterns of
   * these ranks: the exact distribution, conditional on the ties (counted on doubled ranks,
   * which are whole numbers).
   */
  private static double exact(double[] ranks, double w, boolean atMost) {
    int n = ranks.length;
    int[] doubled = new int[n];
    int top = 0;
    for (int i = 0; i < n; i++) {
      doubled[i] = (int) Math.round(2 * ranks[i]);
      top += doubled[i];
    }
    double[] count = new double[top + 1];   // sign patterns with 2 W+ = s; exact below 2^53
    count[0] = 1;
    for (int r : doubled) {
      for (int s = top; s >= r; s--) {
        count[s] += count[s - r];
      }
    }
    int observed = (int) Math.round(2 * w);
    double tail = 0;
    for (int s = atMost ? 0 : observed; atMost ? s <= observed : s <= top; s++) {
      tail += count[s];
    }
    return Math.min(1, Math.max(0, tail / Math.pow(2, n)));
  }
}
