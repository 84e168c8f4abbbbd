package dev.jtune.importance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;

/**
 * The functional ANOVA of one regression tree (Hutter, Hoos and Leyton-Brown, "An Efficient
 * Approach for Assessing Hyperparameter Importance", ICML 2014): the tree is a piecewise-constant
 * function over the search space, each leaf a box; under the uniform measure on the space its
 * variance splits into the variance of each parameter's main effect (the tree averaged over every
 * other parameter) plus interactions. A parameter's importance in this tree is the share of the
 * total variance its main effect explains.
 *
 * <p>The space is the one the study searched: each numeric parameter uniform on its unit scale
 * {@code [0, 1]}, each categorical parameter uniform over its choices. Optuna's evaluator measures
 * categoricals over the whole one-hot cube {@code [0, 1]^k} instead, which also counts points that
 * are no choice at all and costs {@code 2^k} evaluations; here a leaf holds the set of choices its
 * one-hot splits allow, which is exact and costs {@code k}.
 *
 * <p>A main effect is evaluated at the midpoint of each cell between the tree's thresholds on that
 * parameter (the function is constant on each cell), weighted by the cell's width, as in the paper's
 * algorithm.
 */
final class FanovaTree {
  private final EncodedTrials layout;
  private final RegressionTree tree;
  private final List<Leaf> leaves = new ArrayList<>();
  private final double totalVariance;

  FanovaTree(RegressionTree tree, EncodedTrials layout) {
    this.tree = tree;
    this.layout = layout;
    int params = layout.params.size();
    double[] low = new double[params];
    double[] high = new double[params];
    BitSet[] allowed = new BitSet[params];
    for (int p = 0; p < params; p++) {
      high[p] = 1.0;
      int k = layout.choices(p);
      if (k > 0) {
        allowed[p] = new BitSet(k);
        allowed[p].set(0, k);
      }
    }
    collect(0, low, high, allowed);
    double mass = 0;
    double mean = 0;
    for (Leaf leaf : leaves) {
      mass += leaf.volume;
      mean += leaf.volume * leaf.value;
    }
    mean /= mass;
    double variance = 0;
    for (Leaf leaf : leaves) {
      variance += leaf.volume * (leaf.value - mean) * (leaf.value - mean);
    }
    totalVariance = variance / mass;
  }

  /** The variance of the tree over the whole space. */
  double totalVariance() {
    return totalVariance;
  }

  /** The variance of parameter {@code p}'s main effect; between 0 and {@link #totalVariance()}. */
  double mainEffectVariance(int p) {
    int k = layout.choices(p);
    return k > 0 ? categoricalVariance(p, k) : numericVariance(p);
  }

  private double numericVariance(int p) {
    TreeSet<Double> cuts = new TreeSet<>();
    cuts.add(0.0);
    cuts.add(1.0);
    for (int node = 0; node < tree.nodes(); node++) {
      if (!tree.isLeaf(node) && layout.columnParam[tree.feature(node)] == p) {
        cuts.add(Math.min(1.0, Math.max(0.0, tree.threshold(node))));
      }
    }
    double[] edges = cuts.stream().mapToDouble(Double::doubleValue).toArray();
    int cells = edges.length - 1;
    // A leaf's interval on p runs between two cuts, so it covers a run of whole cells: add its
    // share to that run with difference arrays (one pass over the leaves, not cells x leaves).
    double[] sumDelta = new double[cells + 1];
    double[] massDelta = new double[cells + 1];
    for (Leaf leaf : leaves) {
      if (!(leaf.high[p] > leaf.low[p])) {
        continue;
      }
      int first = edge(edges, leaf.low[p]);
      int end = edge(edges, leaf.high[p]);
      double others = leaf.volume / (leaf.high[p] - leaf.low[p]);
      sumDelta[first] += others * leaf.value;
      sumDelta[end] -= others * leaf.value;
      massDelta[first] += others;
      massDelta[end] -= others;
    }
    double[] effect = new double[cells];
    double[] width = new double[cells];
    double sum = 0;
    double mass = 0;
    for (int cell = 0; cell < cells; cell++) {
      sum += sumDelta[cell];
      mass += massDelta[cell];
      width[cell] = edges[cell + 1] - edges[cell];
      effect[cell] = mass > 0 ? sum / mass : 0;
    }
    return weightedVariance(effect, width);
  }

  /**
   * The tree averaged over every parameter but {@code p} and {@code q}, at each pair of grid
   * points: {@code pGrid} and {@code qGrid} hold unit-scale positions of a numeric parameter or
   * choice indexes of a categorical one. Result {@code [i][j]} is at {@code (pGrid[i], qGrid[j])}.
   */
  double[][] pairMarginal(int p, double[] pGrid, int q, double[] qGrid) {
    double[][] sum = new double[pGrid.length][qGrid.length];
    double[][] mass = new double[pGrid.length][qGrid.length];
    for (Leaf leaf : leaves) {
      double extent = extent(leaf, p) * extent(leaf, q);
      if (!(extent > 0)) {
        continue;
      }
      double others = leaf.volume / extent;
      for (int i = 0; i < pGrid.length; i++) {
        if (!contains(leaf, p, pGrid[i])) {
          continue;
        }
        for (int j = 0; j < qGrid.length; j++) {
          if (contains(leaf, q, qGrid[j])) {
            sum[i][j] += others * leaf.value;
            mass[i][j] += others;
          }
        }
      }
    }
    for (int i = 0; i < pGrid.length; i++) {
      for (int j = 0; j < qGrid.length; j++) {
        sum[i][j] = mass[i][j] > 0 ? sum[i][j] / mass[i][j] : 0;
      }
    }
    return sum;
  }

  /** A leaf's share of parameter {@code p}'s range: an interval's length, or choices allowed. */
  private double extent(Leaf leaf, int p) {
    int k = layout.choices(p);
    return k > 0 ? (double) leaf.allowed[p].cardinality() / k : leaf.high[p] - leaf.low[p];
  }

  /** Whether a leaf's box holds a grid point of {@code p} (an interval is open below, as splits). */
  private boolean contains(Leaf leaf, int p, double point) {
    if (layout.choices(p) > 0) {
      return leaf.allowed[p].get((int) point);
    }
    return (point > leaf.low[p] || leaf.low[p] == 0) && point <= leaf.high[p];
  }

  /** The index of a cut (a leaf's bound is always one; the insertion point guards rounding). */
  private static int edge(double[] edges, double x) {
    int i = Arrays.binarySearch(edges, x);
    return i >= 0 ? i : -i - 1;
  }

  private double categoricalVariance(int p, int k) {
    double[] effect = new double[k];
    double[] weight = new double[k];
    for (int choice = 0; choice < k; choice++) {
      weight[choice] = 1.0;
      double sum = 0;
      double mass = 0;
      for (Leaf leaf : leaves) {
        if (leaf.allowed[p].get(choice)) {
          double others = leaf.volume * k / leaf.allowed[p].cardinality();
          sum += others * leaf.value;
          mass += others;
        }
      }
      effect[choice] = mass > 0 ? sum / mass : 0;
    }
    return weightedVariance(effect, weight);
  }

  private static double weightedVariance(double[] values, double[] weights) {
    double total = 0;
    double mean = 0;
    for (int i = 0; i < values.length; i++) {
      total += weights[i];
      mean += weights[i] * values[i];
    }
    mean /= total;
    double variance = 0;
    for (int i = 0; i < values.length; i++) {
      variance += weights[i] * (values[i] - mean) * (values[i] - mean);
    }
    return Math.max(0.0, variance / total);
  }

  /** Walks the tree, narrowing the box at each split, and records every leaf with its box. */
  private void collect(int node, double[] low, double[] high, BitSet[] allowed) {
    if (tree.isLeaf(node)) {
      double volume = 1.0;
      for (int p = 0; p < low.length; p++) {
        int k = layout.choices(p);
        volume *= k > 0 ? (double) allowed[p].cardinality() / k : high[p] - low[p];
      }
      leaves.add(new Leaf(tree.value(node), volume, low.clone(), high.clone(), copy(allowed)));
      return;
    }
    int column = tree.feature(node);
    int p = layout.columnParam[column];
    int choice = layout.columnChoice[column];
    double threshold = tree.threshold(node);
    double[] leftHigh = high.clone();
    double[] rightLow = low.clone();
    BitSet[] leftAllowed = allowed;
    BitSet[] rightAllowed = allowed;
    if (choice >= 0) {
      // One-hot values are 0 or 1: the left child (value <= threshold) is "not this choice".
      leftAllowed = copy(allowed);
      leftAllowed[p].clear(choice);
      rightAllowed = copy(allowed);
      boolean had = rightAllowed[p].get(choice);
      rightAllowed[p].clear();
      if (had) {
        rightAllowed[p].set(choice);
      }
    } else {
      leftHigh[p] = Math.max(low[p], Math.min(high[p], threshold));
      rightLow[p] = Math.min(high[p], Math.max(low[p], threshold));
    }
    collect(tree.left(node), low, leftHigh, leftAllowed);
    collect(tree.right(node), rightLow, high, rightAllowed);
  }

  private static BitSet[] copy(BitSet[] sets) {
    BitSet[] out = new BitSet[sets.length];
    for (int i = 0; i < sets.length; i++) {
      out[i] = sets[i] == null ? null : (BitSet) sets[i].clone();
    }
    return out;
  }

  private record Leaf(double value, double volume, double[] low, double[] high, BitSet[] allowed) {}
}
