package dev.jtune.sampler.gp;

/**
 * The Matérn-5/2 kernel with one length scale per dimension (automatic relevance determination):
 * {@code k(x, x') = scale * m(r2)} with {@code m(r2) = (1 + sqrt(5 r2) + 5/3 r2) exp(-sqrt(5 r2))}
 * and {@code r2 = sum_d w_d delta_d(x, x')}, where {@code w_d} is the inverse squared length scale.
 * For a numerical dimension {@code delta_d} is the squared difference of the unit-cube coordinates;
 * for a categorical one it is the Hamming distance (0 for the same choice, 1 otherwise), so that
 * choices are never ordered or compared as numbers. Immutable.
 *
 * @param inverseSquaredLengthScales {@code w_d}, one per dimension, positive
 * @param scale the prior variance {@code k(x, x)}
 * @param categorical which dimensions hold a categorical's index
 */
record Kernel(double[] inverseSquaredLengthScales, double scale, boolean[] categorical) {
  private static final double SQRT5 = Math.sqrt(5);

  int dimensions() {
    return categorical.length;
  }

  /** {@code r2} between row {@code i} of {@code a} and row {@code j} of {@code b} (both n x d). */
  double squaredDistance(double[] a, int i, double[] b, int j) {
    int d = categorical.length;
    int ai = i * d;
    int bj = j * d;
    double s = 0;
    for (int k = 0; k < d; k++) {
      double diff = a[ai + k] - b[bj + k];
      s += inverseSquaredLengthScales[k] * (categorical[k] ? (diff != 0 ? 1 : 0) : diff * diff);
    }
    return s;
  }

  /** {@code m(r2)}, the unscaled kernel; 1 at 0. */
  static double matern(double r2) {
    double root = Math.sqrt(5 * r2);
    return Math.exp(-root) * (1 + root + 5.0 / 3.0 * r2);
  }

  /** {@code dm / d r2 = -5/6 (1 + sqrt(5 r2)) exp(-sqrt(5 r2))}. */
  static double maternDerivative(double r2) {
    double root = Math.sqrt(5 * r2);
    return -5.0 / 6.0 * (1 + root) * Math.exp(-root);
  }

  /** {@code k(x, x')} between row {@code i} of {@code a} and row {@code j} of {@code b}. */
  double value(double[] a, int i, double[] b, int j) {
    return scale * matern(squaredDistance(a, i, b, j));
  }

  /** The length scales {@code 1 / sqrt(w_d)}. */
  double[] lengthScales() {
    double[] out = new double[inverseSquaredLengthScales.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = 1 / Math.sqrt(inverseSquaredLengthScales[k]);
    }
    return out;
  }
}
