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
 * One fANOVA forest fitted to a study's trials, asked several questions without fitting again: the
 * parameters' importances ({@link #importances()}) and what any two do together
 * ({@link #surface}). Made by {@link FanovaEvaluator#analyze}. Immutable and thread-safe.
 */
public final class FanovaAnalysis {
  private final ForestImportance.Fitted fitted;
  private final ImportanceTarget target;
  private final List<FanovaTree> trees;

  private FanovaAnalysis(ForestImportance.Fitted fitted, ImportanceTarget target) {
    this.fitted = fitted;
    this.target = target;
    this.trees = fitted.forest() == null ? List.of() : fitted.forest().trees().stream()
        .map(t -> new FanovaTree(t, fitted.data())).toList();
  }

  static FanovaAnalysis fit(FanovaEvaluator settings, List<FrozenTrial> trials,
      List<String> params, ImportanceTarget target) {
    return new FanovaAnalysis(ForestImportance.fit(trials, params, target, settings.trees(),
        settings.maxDepth(), settings.seed()), target);
  }

  /**
   * Each parameter's share of the variation its main effect explains, as
   * {@link FanovaEvaluator#evaluate} returns it.
   *
   * @throws ImportanceException when no tree of the forest varies
   */
  public ParamImportances importances() {
    int params = fitted.data().params.size();
    List<double[]> shares = trees.stream().map(anova -> {
      double total = anova.totalVariance();
      if (!(total > 0)) {
        return null;
      }
      double[] share = new double[params];
      for (int p = 0; p < params; p++) {
        share[p] = Math.min(1.0, anova.mainEffectVariance(p) / total);
      }
      return share;
    }).toList();
    return ForestImportance.average(fitted, shares, "fANOVA", target);
  }

  /**
   * The pairwise marginal of two parameters ({@link MarginalSurface}) on a grid of at most
   * {@code points} values each: a categorical's choices; an integer's or stepped float's values
   * (every one when there are at most {@code points}); else evenly spaced on the search scale.
   *
   * @throws IllegalArgumentException if either parameter is not among those analysed with more
   *     than one value, if they are the same, or if {@code points < 2}
   */
  public MarginalSurface surface(String first, String second, int points) {
    checkSurface(first, second, points);
    EncodedTrials data = fitted.data();
    for (String name : List.of(first, second)) {
      if (!data.params.contains(name)) {
        throw new IllegalArgumentException("parameter '" + name + "' is not one that every"
            + " complete trial has with more than one value; those are " + data.params);
      }
    }
    int p = data.params.indexOf(first);
    int q = data.params.indexOf(second);
    Grid pGrid = Grid.of(data.distributions.get(p), points);
    Grid qGrid = Grid.of(data.distributions.get(q), points);
    double[][] mean = new double[pGrid.units.length][qGrid.units.length];
    for (FanovaTree tree : trees) {
      double[][] one = tree.pairMarginal(p, pGrid.units, q, qGrid.units);
      for (int i = 0; i < mean.length; i++) {
        for (int j = 0; j < mean[i].length; j++) {
          mean[i][j] += one[i][j] / trees.size();
        }
      }
    }
    for (double[] row : mean) {
      for (int j = 0; j < row.length; j++) {
        row[j] = fitted.targets().raw(row[j]);
      }
    }
    return new MarginalSurface(first, data.distributions.get(p), pGrid.internal, second,
        data.distributions.get(q), qGrid.internal, mean, data.targets.length);
  }

  /** Refuses a surface request that no fit could answer (checked before fitting, too). */
  static void checkSurface(String first, String second, int points) {
    if (points < 2) {
      throw new IllegalArgumentException("points must be >= 2, got " + points);
    }
    if (first.equals(second)) {
      throw new IllegalArgumentException("a surface needs two parameters, got '" + first
          + "' twice");
    }
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
}
