package dev.jtune.importance;

import dev.jtune.space.Distribution;
import java.util.Arrays;
import java.util.Objects;

/**
 * What two parameters do together: the target predicted by the fANOVA forest for each pair of
 * their values, averaged over every other parameter (the pairwise marginal of Hutter et al.), in
 * the target's own units. Unlike a contour drawn through the trials themselves (Optuna's
 * {@code plot_contour}), it does not mistake the other parameters' effects for these two's.
 *
 * @param first the first parameter's name
 * @param firstDistribution its distribution
 * @param firstGrid its grid, as internal values (a categorical's choice indexes), increasing
 * @param second the second parameter's name
 * @param secondDistribution its distribution
 * @param secondGrid its grid, as internal values, increasing
 * @param values {@code values[i][j]} is the target at {@code (firstGrid[i], secondGrid[j])}
 * @param trials the number of complete trials the forest learned from
 */
public record MarginalSurface(String first, Distribution firstDistribution, double[] firstGrid,
    String second, Distribution secondDistribution, double[] secondGrid, double[][] values,
    int trials) {

  public MarginalSurface {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    firstGrid = firstGrid.clone();
    secondGrid = secondGrid.clone();
    values = Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
  }

  /** The smallest value on the grid. */
  public double min() {
    return Arrays.stream(values).flatMapToDouble(Arrays::stream).min().orElse(Double.NaN);
  }

  /** The largest value on the grid. */
  public double max() {
    return Arrays.stream(values).flatMapToDouble(Arrays::stream).max().orElse(Double.NaN);
  }
}
