package dev.jtune.importance;

import dev.jtune.trial.FrozenTrial;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What both forest-based evaluators share: select and encode the trials, fit the forest, then
 * average each tree's shares over the trees that explain anything, and rank.
 */
final class ForestImportance {
  private ForestImportance() {}

  static void check(int trees, int maxDepth) {
    if (trees < 1) {
      throw new IllegalArgumentException("trees must be >= 1, got " + trees);
    }
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be >= 1, got " + maxDepth);
    }
  }

  /**
   * The trials encoded and, when they have parameters, their standardized targets and the forest
   * fitted to them ({@code targets} and {@code forest} are {@code null} otherwise).
   */
  record Fitted(EncodedTrials data, Standardized targets, RandomForest forest) {}

  static Fitted fit(List<FrozenTrial> trials, List<String> params, ImportanceTarget target,
      int trees, int maxDepth, long seed) {
    EncodedTrials data = EncodedTrials.of(trials, params, target);
    if (data.params.isEmpty()) {
      return new Fitted(data, null, null);
    }
    Standardized targets = standardize(data, target);
    return new Fitted(data, targets,
        RandomForest.fit(data.rows, targets.z(), trees, maxDepth, seed));
  }

  /**
   * The importances from each tree's shares (a {@code null} entry: a tree that explains nothing),
   * averaged over the trees that explain something and ranked.
   *
   * @throws ImportanceException if no tree explains anything
   */
  static ParamImportances average(Fitted fitted, List<double[]> treeShares, String method,
      ImportanceTarget target) {
    EncodedTrials data = fitted.data();
    if (data.params.isEmpty()) {
      return ParamImportances.rank(Map.of(), data, method, target);
    }
    double[] sum = new double[data.params.size()];
    int counted = 0;
    for (double[] shares : treeShares) {
      if (shares != null) {
        counted++;
        for (int p = 0; p < sum.length; p++) {
          sum[p] += shares[p];
        }
      }
    }
    if (counted == 0) {
      throw new ImportanceException("the " + data.targets.length + " complete trials have the same"
          + " values of " + data.params + ": importances need trials whose parameters differ");
    }
    Map<String, Double> raw = new LinkedHashMap<>();
    for (int p = 0; p < sum.length; p++) {
      raw.put(data.params.get(p), sum[p] / counted);
    }
    return ParamImportances.rank(raw, data, method, target);
  }

  /**
   * Targets standardized to mean 0 and standard deviation 1, so that the trees' purity test and the
   * variances work alike for objectives of any scale (1e-9 or 1e200): {@code z = (t / scale -
   * mean) / sd}, with {@code scale} the largest magnitude (so nothing overflows).
   */
  record Standardized(double[] z, double scale, double mean, double sd) {

    /** The target a standardized value stands for (rounding never carries it past MAX_VALUE). */
    double raw(double standardized) {
      double raw = (standardized * sd + mean) * scale;
      return Math.max(-Double.MAX_VALUE, Math.min(Double.MAX_VALUE, raw));
    }

    /** The standardized targets, or {@code null} when all targets are equal. */
    static Standardized of(double[] targets) {
      double scale = 0;
      for (double t : targets) {
        scale = Math.max(scale, Math.abs(t));
      }
      double first = targets[0];
      if (scale == 0 || Arrays.stream(targets).allMatch(t -> t == first)) {
        return null;
      }
      double[] z = new double[targets.length];
      double mean = 0;
      for (int i = 0; i < z.length; i++) {
        z[i] = targets[i] / scale;
        mean += z[i];
      }
      mean /= z.length;
      double variance = 0;
      for (double v : z) {
        variance += (v - mean) * (v - mean);
      }
      double sd = Math.sqrt(variance / z.length);
      if (!(sd > 0)) {
        return null;
      }
      for (int i = 0; i < z.length; i++) {
        z[i] = (z[i] - mean) / sd;
      }
      return new Standardized(z, scale, mean, sd);
    }
  }

  /** Standardizes the targets, or says that they are all equal. */
  static Standardized standardize(EncodedTrials data, ImportanceTarget target) {
    Standardized standardized = Standardized.of(data.targets);
    if (standardized == null) {
      throw new ImportanceException("all " + data.targets.length + " complete trials have the same "
          + target.name() + " (" + data.targets[0] + "): no parameter explains any difference");
    }
    return standardized;
  }
}
