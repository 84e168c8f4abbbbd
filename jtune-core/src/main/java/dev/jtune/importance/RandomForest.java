package dev.jtune.importance;

import dev.jtune.internal.TrialSeeds;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A random forest regressor as scikit-learn's {@code RandomForestRegressor} is configured by
 * Optuna's importance evaluators: each tree grown on a bootstrap sample of the rows (as many draws as
 * rows, with replacement), every feature considered at every split, no pruning beyond the maximum
 * depth. Tree {@code i} draws from a stream seeded by {@code (seed, i)} alone, so a forest is the
 * same whichever threads grow it.
 */
final class RandomForest {
  private final List<RegressionTree> trees;

  private RandomForest(List<RegressionTree> trees) {
    this.trees = trees;
  }

  static RandomForest fit(double[][] rows, double[] targets, int treeCount, int maxDepth, long seed) {
    RegressionTree.TrainingData data = new RegressionTree.TrainingData(rows, targets);
    List<RegressionTree> trees = IntStream.range(0, treeCount).parallel()
        .mapToObj(i -> {
          SplittableRandom random = TrialSeeds.random(seed, i, "importance-forest");
          int[] sample = new int[rows.length];
          for (int r = 0; r < sample.length; r++) {
            sample[r] = random.nextInt(rows.length);
          }
          return RegressionTree.grow(data, sample, maxDepth, random);
        })
        .toList();
    return new RandomForest(trees);
  }

  List<RegressionTree> trees() {
    return trees;
  }
}
