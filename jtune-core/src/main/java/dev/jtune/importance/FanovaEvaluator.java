package dev.jtune.importance;

import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.IntDistribution;
import dev.jtune.space.UnitScale;
import dev.jtune.trial.FrozenTrial;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Parameter importances by functional ANOVA (Hutter, Hoos and Leyton-Brown, ICML 2014), as Optuna's
 * default {@code FanovaImportanceEvaluator} computes them: fit a random forest that predicts the
 * target from the parameters; in each tree, take the share of the tree's variance over the search
 * space that each parameter's main effect explains; average the shares over the trees (trees that
 * do not vary are skipped) and scale them to sum to 1.
 *
 * <p>Departures from Optuna 3.1, both deliberate: a log-scale parameter is measured in log space
 * (Optuna measures it on its raw values, where nearly all of {@code [1e-5, 1e-1]} lies above 1e-2),
 * and a categorical parameter over its choices (see {@code FanovaTree}). Only main effects are
 * reported; what the parameters explain together is not. The forest is seeded, so the result is
 * the same on every run (Optuna's default seed is random).
 *
 * @param trees the number of trees in the forest; at least 1
 * @param maxDepth the maximum depth of each tree; at least 1
 * @param seed the forest's seed
 */
public record FanovaEvaluator(int trees, int maxDepth, long seed) implements ImportanceEvaluator {

  public FanovaEvaluator {
    ForestImportance.check(trees, maxDepth);
  }

  /** Optuna's settings: 64 trees of depth at most 64; seed 0. */
  public static FanovaEvaluator defaults() {
    return new FanovaEvaluator(64, 64, 0L);
  }

  /** This evaluator with another seed. */
  public FanovaEvaluator withSeed(long seed) {
    return new FanovaEvaluator(trees, maxDepth, seed);
  }

  @Override
  public ParamImportances evaluate(List<FrozenTrial> trials, List<String> params,
      ImportanceTarget target) {
    return ForestImportance.evaluate(trials, params, target, trees, maxDepth, seed, "fANOVA",
        FanovaEvaluator::shares);
  }

  /**
   * The pairwise marginal of two parameters ({@link MarginalSurface}) on a grid of at most
   * {@code points} values each (a categorical's choices, an integer's or stepped float's values
   * when fewer, else evenly spaced on the parameter's search scale), from the complete trials that
   * have every parameter all complete trials share.
   *
   * @throws IllegalArgumentException if either parameter is not shared by all complete trials or
   *     has a single value, if they are the same, or if {@code points < 2}
   * @throws ImportanceException as {@link #evaluate}
   */
  public MarginalSurface surface(List<FrozenTrial> trials, String first, String second,
      ImportanceTarget target, int points) {
    if (points < 2) {
      throw new IllegalArgumentException("points must be >= 2, got " + points);
    }
    if (first.equals(second)) {
      throw new IllegalArgumentException("a surface needs two parameters, got '" + first
          + "' twice");
    }
    EncodedTrials data = EncodedTrials.of(trials, List.of(), target);
    int p = data.params.indexOf(first);
    int q = data.params.indexOf(second);
    for (String name : List.of(first, second)) {
      if (!data.params.contains(name)) {
        throw new IllegalArgumentException("parameter '" + name + "' is not one that every"
            + " complete trial has with more than one value; those are " + data.params);
      }
    }
    ForestImportance.Standardized targets = ForestImportance.standardize(data, target);
    RandomForest forest = RandomForest.fit(data.rows, targets.z(), trees, maxDepth, seed);
    Grid pGrid = Grid.of(data.distributions.get(p), points);
    Grid qGrid = Grid.of(data.distributions.get(q), points);
    double[][] mean = new double[pGrid.units.length][qGrid.units.length];
    for (RegressionTree tree : forest.trees()) {
      double[][] one = new FanovaTree(tree, data).pairMarginal(p, pGrid.units, q, qGrid.units);
      for (int i = 0; i < mean.length; i++) {
        for (int j = 0; j < mean[i].length; j++) {
          mean[i][j] += one[i][j] / forest.trees().size();
        }
      }
    }
    for (double[] row : mean) {
      for (int j = 0; j < row.length; j++) {
        row[j] = targets.raw(row[j]);
      }
    }
    return new MarginalSurface(first, data.distributions.get(p), pGrid.internal, second,
        data.distributions.get(q), qGrid.internal, mean, data.targets.length);
  }

  /**
   * A parameter's grid: its values in internal form and where the forest saw them (the unit-scale
   * position trials of that value were encoded at, or a categorical's choice index). A discrete
   * parameter's values are chosen first, every one of them when they are few, so that each
   * reported value is evaluated where its trials lie.
   */
  private record Grid(double[] internal, double[] units) {
    static Grid of(Distribution distribution, int points) {
      if (distribution instanceof CategoricalDistribution c) {
        double[] indexes = IntStream.range(0, c.size()).asDoubleStream().toArray();
        return new Grid(indexes, indexes.clone());
      }
      long cells = distribution instanceof IntDistribution i ? i.gridSize()
          : distribution instanceof FloatDistribution f && f.step() > 0 ? f.gridSize() : 0;
      if (cells == 0) {
        double[] units = IntStream.range(0, points).mapToDouble(i -> (i + 0.5) / points).toArray();
        return new Grid(Arrays.stream(units).map(u -> UnitScale.fromUnit(distribution, u))
            .toArray(), units);
      }
      double[] values = cells <= points
          ? IntStream.range(0, (int) cells).mapToDouble(i -> value(distribution, i)).toArray()
          : IntStream.range(0, points)
              .mapToDouble(i -> UnitScale.fromUnit(distribution, (i + 0.5) / points))
              .distinct().sorted().toArray();
      return new Grid(values, Arrays.stream(values)
          .map(v -> UnitScale.toUnit(distribution, v)).toArray());
    }

    /** The {@code i}-th value of a discrete distribution (an integer's or a stepped float's). */
    private static double value(Distribution distribution, int i) {
      return distribution instanceof IntDistribution d ? d.low() + (double) i * d.step()
          : ((FloatDistribution) distribution).gridPoint(i);
    }
  }

  /** Each parameter's share of the tree's variance over the space; {@code null} if it is flat. */
  private static double[] shares(RegressionTree tree, EncodedTrials data) {
    FanovaTree anova = new FanovaTree(tree, data);
    double total = anova.totalVariance();
    if (!(total > 0)) {
      return null;
    }
    double[] shares = new double[data.params.size()];
    for (int p = 0; p < shares.length; p++) {
      shares[p] = Math.min(1.0, anova.mainEffectVariance(p) / total);
    }
    return shares;
  }
}
