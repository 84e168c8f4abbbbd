package dev.jtune.space;

/**
 * Maps each distribution to and from the unit interval {@code [0, 1)}, the common coordinate system
 * of quasi-random and model-based samplers. Log distributions are uniform in log space; integer and
 * step distributions split the interval into equal cells, one per value (an integer on a log scale
 * uses cells of equal width in {@code log} over {@code [low - 0.5, high + 0.5]}, as Optuna does);
 * categorical choices get one cell each.
 */
public final class UnitScale {
  private UnitScale() {}

  /**
   * The internal value at position {@code u} in {@code [0, 1]}; always contained in the
   * distribution, on its grid.
   */
  public static double fromUnit(Distribution distribution, double u) {
    double clamped = Math.min(Math.max(u, 0.0), 1.0);
    if (distribution instanceof FloatDistribution f) {
      if (f.hasStep()) {
        return f.gridPoint(cell(clamped, f.gridSize()));
      }
      double x = f.log()
          ? Math.exp(Math.log(f.low()) + clamped * (Math.log(f.high()) - Math.log(f.low())))
          : f.low() + clamped * (f.high() - f.low());
      return Math.min(Math.max(x, f.low()), f.high());
    }
    if (distribution instanceof IntDistribution i) {
      if (i.log()) {
        double lo = Math.log(i.low() - 0.5);
        double hi = Math.log(i.high() + 0.5);
        double x = Math.rint(Math.exp(lo + clamped * (hi - lo)));
        return Math.min(Math.max(x, i.low()), i.high());
      }
      return i.low() + (double) cell(clamped, i.gridSize()) * i.step();
    }
    CategoricalDistribution c = (CategoricalDistribution) distribution;
    return cell(clamped, c.size());
  }

  /** The centre of the cell (or the position) of an internal value, in {@code [0, 1]}. */
  public static double toUnit(Distribution distribution, double internal) {
    if (distribution instanceof FloatDistribution f) {
      if (f.high() == f.low()) {
        return 0.5;
      }
      if (f.hasStep()) {
        return (Math.rint((internal - f.low()) / f.step()) + 0.5) / f.gridSize();
      }
      return f.log()
          ? (Math.log(internal) - Math.log(f.low())) / (Math.log(f.high()) - Math.log(f.low()))
          : (internal - f.low()) / (f.high() - f.low());
    }
    if (distribution instanceof IntDistribution i) {
      if (i.log()) {
        double lo = Math.log(i.low() - 0.5);
        return (Math.log(internal) - lo) / (Math.log(i.high() + 0.5) - lo);
      }
      return (((internal - i.low()) / i.step()) + 0.5) / i.gridSize();
    }
    return (internal + 0.5) / ((CategoricalDistribution) distribution).size();
  }

  private static long cell(double u, long cells) {
    return Math.min((long) Math.floor(u * cells), cells - 1);
  }
}
