package dev.jtune.importance;

import dev.jtune.trial.FrozenTrial;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What both forest-based evaluators share: select and encode the trials, fit the forest, let each
 * tree give every parameter a share of what it explains, average the shares over the trees that
 * explain anything, and rank.
 */
final class ForestImportance {
  private ForestImportance() {}

  /** One tree's share per parameter, or {@code null} for a tree that explains nothing. */
  interface TreeShares {
    double[] of(RegressionTree tree, EncodedTrials data);
  }

  static void check(int trees, int maxDepth) {
    if (trees < 1) {
      throw new IllegalArgumentException("trees must be >= 1, got " + trees);
    }
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be >= 1, got " + maxDepth);
    }
  }

  static ParamImportances evaluate(List<FrozenTrial> trials, List<String> params,
      ImportanceTarget target, int trees, int maxDepth, long seed, String method,
      TreeShares treeShares) {
    EncodedTrials data = EncodedTrials.of(trials, params, target);
    if (data.params.isEmpty()) {
      return ParamImportances.rank(Map.of(), data, method, target);
    }
    RandomForest forest = RandomForest.fit(data.rows, data.targets, trees, maxDepth, seed);
    double[] sum = new double[data.params.size()];
    int counted = 0;
    for (RegressionTree tree : forest.trees()) {
      double[] shares = treeShares.of(tree, data);
      if (shares != null) {
        counted++;
        for (int p = 0; p < sum.length; p++) {
          sum[p] += shares[p];
        }
      }
    }
    if (counted == 0) {
      throw constantTarget(data, target);
    }
    Map<String, Double> raw = new LinkedHashMap<>();
    for (int p = 0; p < sum.length; p++) {
      raw.put(data.params.get(p), sum[p] / counted);
    }
    return ParamImportances.rank(raw, data, method, target);
  }

  /** The error for a forest no tree of which varies: the target or the parameters never change. */
  private static ImportanceException constantTarget(EncodedTrials data, ImportanceTarget target) {
    double first = data.targets[0];
    boolean sameTarget = Arrays.stream(data.targets).allMatch(v -> v == first);
    return new ImportanceException(sameTarget
        ? "all " + data.targets.length + " complete trials have the same " + target.name() + " ("
            + first + "): no parameter explains any difference"
        : "the " + data.targets.length + " complete trials have the same parameter values "
            + data.params + ": importances need trials that differ");
  }
}
