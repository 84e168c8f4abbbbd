package dev.jtune.pruner;

import java.util.Arrays;

/**
 * Percentiles as numpy's {@code nanpercentile} computes them with its default linear method: NaNs
 * are dropped, the values sorted, and the percentile {@code p} read at position
 * {@code p / 100 * (n - 1)} with linear interpolation between neighbours.
 */
final class Percentiles {
  private Percentiles() {}

  /** The percentile {@code p} in {@code [0, 100]} of the non-NaN values; NaN if there are none. */
  static double nanPercentile(double[] values, double p) {
    double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double position = p / 100 * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, sorted.length - 1);
    double fraction = position - below;
    double lo = sorted[below];
    double hi = sorted[above];
    if (fraction == 0 || lo == hi || Double.isInfinite(lo)) {
      return lo;
    }
    if (Double.isInfinite(hi)) {
      return hi;
    }
    if (fraction == 1) {
      return hi;
    }
    // Interpolate from the nearer neighbour, as numpy does. An infinite neighbour gives its
    // infinity (numpy gives NaN for some of these cases; an infinite loss should stay ordered).
    return fraction < 0.5 ? lo + (hi - lo) * fraction : hi - (hi - lo) * (1 - fraction);
  }
}
