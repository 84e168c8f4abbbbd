package dev.jtune.sampler.gp;

/**
 * A GP's prior mean {@code m(x) = a + b q(x)} fitted by generalized least squares for a given
 * covariance {@code C}, where {@code q(x)} is the squared distance of {@code x}'s numerical
 * coordinates from the centre of the unit cube ({@link #spread}).
 *
 * <p>{@link #constant} gives {@code a = 1^T C^{-1} y / 1^T C^{-1} 1}, {@code b = 0} (Rasmussen and
 * Williams 2006, section 2.7), clamped to the observations' range. {@link #quadratic} gives
 * {@code (a, b) = (H^T C^{-1} H)^{-1} H^T C^{-1} y} with the columns {@code 1} and {@code q(X)} in
 * {@code H}, and falls back to the constant fit whenever the data do not say the centre is better
 * ({@code b >= 0}, a singular system) or the fit puts the centre above every observation. Both
 * minimize the quadratic form {@code (y - m(X))^T C^{-1} (y - m(X))} over their coefficients (up to
 * the clamp), so a marginal likelihood evaluated at them is the profile likelihood of the kernel.
 *
 * @param constant {@code a}, the mean's value at the centre
 * @param curvature {@code b}, the coefficient of {@code q(x)}; 0 for a constant mean, else negative
 */
record MeanFit(double constant, double curvature) {
  static final MeanFit ZERO = new MeanFit(0, 0);

  /** The form of the mean to fit. */
  enum Form {
    /** The mean is 0: nothing is fitted. */
    ZERO,
    /** {@link #constant}. */
    CONSTANT,
    /** {@link #quadratic}, which falls back to the constant. */
    QUADRATIC;

    /** The form that {@code priorMean} configures. */
    static Form of(GpConfig.PriorMean priorMean) {
      return priorMean == GpConfig.PriorMean.QUADRATIC ? QUADRATIC : CONSTANT;
    }

    /**
     * This form's GLS fit for the covariance factored in {@code chol}; {@code q} holds the
     * observations' {@link #spread}s and is read only by {@link #QUADRATIC}.
     */
    MeanFit fit(Cholesky chol, double[] y, double[] q) {
      return switch (this) {
        case ZERO -> MeanFit.ZERO;
        case CONSTANT -> constant(chol, y);
        case QUADRATIC -> quadratic(chol, y, q);
      };
    }
  }

  /**
   * {@code q(x)}: the squared distance of point {@code row}'s numerical coordinates from the
   * centre, 0.5 (an absent numerical parameter sits there and adds nothing).
   */
  static double spread(double[] points, int row, boolean[] categorical) {
    int d = categorical.length;
    double s = 0;
    for (int c = 0; c < d; c++) {
      if (!categorical[c]) {
        double u = points[row * d + c] - 0.5;
        s += u * u;
      }
    }
    return s;
  }

  /** {@code q} at each of the {@code n} rows of {@code x}. */
  static double[] spreads(double[] x, int n, boolean[] categorical) {
    double[] q = new double[n];
    for (int i = 0; i < n; i++) {
      q[i] = spread(x, i, categorical);
    }
    return q;
  }

  /** The mean at a point whose {@code q} is {@code spread}. */
  double at(double spread) {
    return curvature == 0 ? constant : constant + curvature * spread;
  }

  /** The constant GLS mean; {@link #ZERO} if it is not finite. Costs one solve pair. */
  static MeanFit constant(Cholesky chol, double[] y) {
    int n = y.length;
    double[] cOnes = new double[n];
    java.util.Arrays.fill(cOnes, 1);
    chol.solve(cOnes);
    double numerator = 0;
    double denominator = 0;
    for (int i = 0; i < n; i++) {
      numerator += cOnes[i] * y[i];
      denominator += cOnes[i];
    }
    return clampedConstant(numerator / denominator, y);
  }

  /** The quadratic GLS mean, or the constant one (see the class comment). Two solve pairs. */
  static MeanFit quadratic(Cholesky chol, double[] y, double[] q) {
    int n = y.length;
    double[] cOnes = new double[n];
    java.util.Arrays.fill(cOnes, 1);
    double[] cQ = q.clone();
    chol.solve(cOnes);
    chol.solve(cQ);
    double g11 = 0;
    double g12 = 0;
    double g22 = 0;
    double r1 = 0;
    double r2 = 0;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      g11 += cOnes[i];
      g12 += cOnes[i] * q[i];
      g22 += cQ[i] * q[i];
      r1 += cOnes[i] * y[i];
      r2 += cQ[i] * y[i];
      hi = Math.max(hi, y[i]);
    }
    double det = g11 * g22 - g12 * g12;
    double a = (g22 * r1 - g12 * r2) / det;
    double b = (g11 * r2 - g12 * r1) / det;
    if (!(det > 1e-12 * Math.abs(g11 * g22)) || !(b < 0) || !Double.isFinite(b) || !(a <= hi)) {
      return clampedConstant(r1 / g11, y); // the constant fit, from the solve already made
    }
    return new MeanFit(a, b);
  }

  private static MeanFit clampedConstant(double m, double[] y) {
    if (!Double.isFinite(m)) {
      return ZERO;
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : y) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return new MeanFit(Math.min(Math.max(m, lo), hi), 0);
  }
}
