package dev.jtune.sampler.gp;

/**
 * The Yeo-Johnson power transform (Yeo and Johnson 2000) with its exponent {@code lambda} fitted by
 * maximum likelihood, the output warping of HEBO (Cowen-Rivers et al. 2022). The GP models the
 * warped objective: a long tail of very good or very bad values (a few trials near a sharp optimum
 * among many flat ones, a diverged training run among converged ones) is pulled in, so that one
 * stationary kernel fits the whole range instead of stretching its length scales over the tail.
 *
 * <p>For {@code v >= 0} the transform is {@code ((v + 1)^lambda - 1) / lambda}
 * ({@code log(v + 1)} at {@code lambda = 0}); for {@code v < 0} it is
 * {@code -((1 - v)^(2 - lambda) - 1) / (2 - lambda)} ({@code -log(1 - v)} at {@code lambda = 2}).
 * It is strictly increasing and continuous for every {@code lambda}, so it keeps the order of the
 * observations (the best stays the best) and is the identity at {@code lambda = 1}. Mirroring the
 * data mirrors the fit: the transform of {@code -v} with {@code lambda} is minus the transform of
 * {@code v} with {@code 2 - lambda}, so maximizing or minimizing gives the same model.
 *
 * <p>{@code lambda} maximizes the profile log-likelihood of a normal model for the transformed
 * data, {@code -n/2 log(variance) + (lambda - 1) sum sign(v) log(|v| + 1)}, over a grid of step
 * {@value #STEP} on [{@value #MIN_LAMBDA}, {@value #MAX_LAMBDA}], symmetric about the identity so
 * that mirrored data get the mirrored fit up to rounding (deterministic; the likelihood is flat
 * near its maximum, so a finer optimum changes the model little; on the test's data set the
 * grid's choice, -1.1, is scipy's {@code yeojohnson} optimum, -1.096, to the grid's step). Data
 * without spread (fewer than two distinct values) keep {@code lambda = 1}. Expects standardized
 * input (mean 0, variance 1), where the exponents stay far from overflow.
 *
 * @param lambda the exponent
 */
record YeoJohnson(double lambda) {
  static final double MIN_LAMBDA = -2;
  static final double MAX_LAMBDA = 4;
  static final double STEP = 0.05;

  /** The identity. */
  static final YeoJohnson IDENTITY = new YeoJohnson(1);

  /** The transform whose {@code lambda} makes {@code y} most nearly normal. */
  static YeoJohnson fit(double[] y) {
    int n = y.length;
    double jacobian = 0;
    double first = n == 0 ? 0 : y[0];
    boolean spread = false;
    for (double v : y) {
      jacobian += Math.signum(v) * Math.log1p(Math.abs(v));
      spread |= v != first;
    }
    if (!spread) {
      return IDENTITY;
    }
    double[] t = new double[n];
    int steps = (int) Math.round((MAX_LAMBDA - MIN_LAMBDA) / STEP);
    double best = 1;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int s = 0; s <= steps; s++) {
      YeoJohnson candidate = new YeoJohnson(MIN_LAMBDA + s * STEP);
      double mean = 0;
      for (int i = 0; i < n; i++) {
        t[i] = candidate.apply(y[i]);
        mean += t[i];
      }
      mean /= n;
      double variance = 0;
      for (int i = 0; i < n; i++) {
        variance += (t[i] - mean) * (t[i] - mean);
      }
      variance /= n;
      double value = -0.5 * n * Math.log(variance) + (candidate.lambda - 1) * jacobian;
      if (variance > 0 && value > bestValue) {
        bestValue = value;
        best = candidate.lambda;
      }
    }
    return new YeoJohnson(best);
  }

  /**
   * The transformed value. Computed as {@code expm1(lambda log1p(v)) / lambda}, which keeps full
   * precision as {@code lambda} approaches 0 (and its mirror as {@code lambda} approaches 2).
   */
  double apply(double v) {
    return v >= 0 ? power(v, lambda) : -power(-v, 2 - lambda);
  }

  /** {@code ((1 + u)^p - 1) / p} for {@code u >= 0}, {@code log1p(u)} at {@code p = 0}. */
  private static double power(double u, double p) {
    double log = Math.log1p(u);
    return p == 0 ? log : Math.expm1(p * log) / p;
  }

  /** Transforms every value in place. */
  void applyInPlace(double[] y) {
    for (int i = 0; i < y.length; i++) {
      y[i] = apply(y[i]);
    }
  }
}
