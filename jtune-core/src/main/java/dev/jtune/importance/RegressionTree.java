package dev.jtune.importance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A CART regression tree grown as scikit-learn's {@code DecisionTreeRegressor} grows the trees of a
 * random forest: squared-error splits over every feature (visited in a random order, the first best
 * split kept), thresholds half-way between neighbouring distinct values, a node split while it has
 * two or more samples, some variance and a feature that varies, up to a maximum depth.
 *
 * <p>Nodes are kept in flat arrays in creation order (a parent before its children, node 0 the
 * root); a leaf has {@code feature == -1}. Immutable once built.
 */
final class RegressionTree {
  static final int LEAF = -1;

  private final int[] feature;
  private final double[] threshold;
  private final int[] left;
  private final int[] right;
  private final double[] value;
  private final double[] impurityDecrease;

  RegressionTree(int[] feature, double[] threshold, int[] left, int[] right, double[] value,
      double[] impurityDecrease) {
    this.feature = feature;
    this.threshold = threshold;
    this.left = left;
    this.right = right;
    this.value = value;
    this.impurityDecrease = impurityDecrease;
  }

  int nodes() {
    return feature.length;
  }

  int feature(int node) {
    return feature[node];
  }

  double threshold(int node) {
    return threshold[node];
  }

  int left(int node) {
    return left[node];
  }

  int right(int node) {
    return right[node];
  }

  double value(int node) {
    return value[node];
  }

  boolean isLeaf(int node) {
    return feature[node] == LEAF;
  }

  /**
   * The weighted impurity decrease of a split node (its squared error minus its children's), 0 for
   * a leaf: what scikit-learn's mean-decrease-impurity importances add up.
   */
  double impurityDecrease(int node) {
    return impurityDecrease[node];
  }

  /** The prediction for one row of features. */
  double predict(double[] row) {
    int node = 0;
    while (!isLeaf(node)) {
      node = row[feature[node]] <= threshold[node] ? left[node] : right[node];
    }
    return value[node];
  }

  /**
   * Grows a tree on the rows {@code sample} (indexes into {@code data}, repeats allowed: a bootstrap
   * sample).
   */
  static RegressionTree grow(TrainingData data, int[] sample, int maxDepth, SplittableRandom random) {
    Builder builder = new Builder(data, maxDepth, random);
    builder.node(sample, 0);
    return builder.build();
  }

  /**
   * The rows and targets a tree learns from, with each feature's distinct values ranked once so that
   * a node sorts its rows by primitive keys.
   */
  static final class TrainingData {
    final double[][] rows;
    final double[] targets;
    final int[][] rank;
    final double[][] distinct;

    TrainingData(double[][] rows, double[] targets) {
      this.rows = rows;
      this.targets = targets;
      int features = rows.length == 0 ? 0 : rows[0].length;
      rank = new int[features][rows.length];
      distinct = new double[features][];
      for (int f = 0; f < features; f++) {
        double[] column = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
          column[r] = rows[r][f];
        }
        double[] sorted = Arrays.stream(column).sorted().distinct().toArray();
        distinct[f] = sorted;
        for (int r = 0; r < rows.length; r++) {
          rank[f][r] = Arrays.binarySearch(sorted, column[r]);
        }
      }
    }

    int features() {
      return rank.length;
    }
  }

  private static final class Builder {
    private final TrainingData data;
    private final int maxDepth;
    private final SplittableRandom random;
    private final List<double[]> nodes = new ArrayList<>();

    Builder(TrainingData data, int maxDepth, SplittableRandom random) {
      this.data = data;
      this.maxDepth = maxDepth;
      this.random = random;
    }

    /** Node fields: feature, threshold, left, right, value, impurity decrease. */
    int node(int[] rows, int depth) {
      int id = nodes.size();
      double[] fields = {LEAF, 0, -1, -1, 0, 0};
      nodes.add(fields);
      double mean = 0;
      for (int r : rows) {
        mean += data.targets[r];
      }
      mean /= rows.length;
      fields[4] = mean;
      double squaredError = 0;
      for (int r : rows) {
        double d = data.targets[r] - mean;
        squaredError += d * d;
      }
      // scikit-learn's test: a node whose mean squared error is below machine epsilon is pure.
      if (depth >= maxDepth || rows.length < 2 || squaredError / rows.length <= Math.ulp(1.0)) {
        return id;
      }
      Split best = bestSplit(rows, mean);
      if (best == null) {
        return id;
      }
      int[] leftRows = Arrays.stream(rows)
          .filter(r -> data.rank[best.feature][r] <= best.rank).toArray();
      int[] rightRows = Arrays.stream(rows)
          .filter(r -> data.rank[best.feature][r] > best.rank).toArray();
      fields[0] = best.feature;
      fields[1] = best.threshold;
      fields[5] = squaredError - best.childrenSquaredError;
      fields[2] = node(leftRows, depth + 1);
      fields[3] = node(rightRows, depth + 1);
      return id;
    }

    private Split bestSplit(int[] rows, double mean) {
      int features = data.features();
      int[] order = new int[features];
      for (int f = 0; f < features; f++) {
        order[f] = f;
      }
      for (int i = features - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      long[] keys = new long[rows.length];
      double bestProxy = Double.NEGATIVE_INFINITY;
      Split best = null;
      for (int f : order) {
        int[] rank = data.rank[f];
        for (int i = 0; i < rows.length; i++) {
          keys[i] = ((long) rank[rows[i]] << 32) | rows[i];
        }
        Arrays.sort(keys);
        if ((keys[0] >>> 32) == (keys[keys.length - 1] >>> 32)) {
          continue;  // constant in this node
        }
        double total = 0;
        for (long key : keys) {
          total += data.targets[(int) key] - mean;
        }
        double leftSum = 0;
        for (int i = 0; i < keys.length - 1; i++) {
          leftSum += data.targets[(int) keys[i]] - mean;
          int here = (int) (keys[i] >>> 32);
          int next = (int) (keys[i + 1] >>> 32);
          if (here == next) {
            continue;
          }
          int nLeft = i + 1;
          int nRight = keys.length - nLeft;
          double rightSum = total - leftSum;
          double proxy = leftSum * leftSum / nLeft + rightSum * rightSum / nRight;
          if (proxy > bestProxy) {
            bestProxy = proxy;
            best = new Split(f, here, midpoint(data.distinct[f], here, next), 0);
          }
        }
      }
      if (best == null) {
        return null;
      }
      return new Split(best.feature, best.rank, best.threshold,
          childrenSquaredError(rows, best.feature, best.rank));
    }

    private double childrenSquaredError(int[] rows, int feature, int rank) {
      double[] sum = new double[2];
      int[] count = new int[2];
      for (int r : rows) {
        int side = data.rank[feature][r] <= rank ? 0 : 1;
        sum[side] += data.targets[r];
        count[side]++;
      }
      double error = 0;
      for (int r : rows) {
        int side = data.rank[feature][r] <= rank ? 0 : 1;
        double d = data.targets[r] - sum[side] / count[side];
        error += d * d;
      }
      return error;
    }

    /** Half-way between two distinct values, never rounded onto the upper one (scikit-learn's rule). */
    private static double midpoint(double[] distinct, int lower, int upper) {
      double a = distinct[lower];
      double b = distinct[upper];
      double mid = a / 2 + b / 2;
      return mid >= b || Double.isInfinite(mid) ? a : mid;
    }

    RegressionTree build() {
      int n = nodes.size();
      int[] feature = new int[n];
      double[] threshold = new double[n];
      int[] left = new int[n];
      int[] right = new int[n];
      double[] value = new double[n];
      double[] decrease = new double[n];
      for (int i = 0; i < n; i++) {
        double[] f = nodes.get(i);
        feature[i] = (int) f[0];
        threshold[i] = f[1];
        left[i] = (int) f[2];
        right[i] = (int) f[3];
        value[i] = f[4];
        decrease[i] = f[5];
      }
      return new RegressionTree(feature, threshold, left, right, value, decrease);
    }
  }

  private record Split(int feature, int rank, double threshold, double childrenSquaredError) {}
}
