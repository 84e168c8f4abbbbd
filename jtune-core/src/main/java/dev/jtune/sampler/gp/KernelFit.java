package dev.jtune.sampler.gp;

import java.util.List;

/**
 * Fits the kernel's hyperparameters (one inverse squared length scale per dimension, the kernel
 * scale, the noise variance) by maximizing the log marginal likelihood plus log priors, with
 * {@link BoundedLbfgs} on their logarithms from several starting points; the best optimum wins.
 *
 * <p>Priors: Gamma(3, 6) on each length scale (mode 1/3 of the unit interval) and Gamma(2, 0.15) on
 * the kernel scale, BoTorch's classic {@code SingleTaskGP} priors; Gamma(1.1, 30) on the noise
 * variance (Optuna's), which is at least {@value #MINIMUM_NOISE} (exactly that for a deterministic
 * objective). Deviation from Optuna, which puts {@code -(0.1 / w + 0.1 w)} on the inverse squared
 * length scale {@code w} and Gamma(2, 1) on the scale: with those, a GP whose samples gathered in
 * one basin fits long length scales, grows confident everywhere and stops exploring; on Hartmann6
 * only 2 of 5 seeds left the first basin within 100 trials, against 7 of 10 with these priors
 * (docs/benchmarks.md).
 *
 * <p>Cost per evaluation: one Cholesky factorization and one inverse of the {@code n x n} covariance,
 * about {@code n^3} multiply-adds, plus {@code n^2 d / 2} for the length-scale gradients.
 */
final class KernelFit {
  static final double MINIMUM_NOISE = 1e-6;
  /** Rate of the Gamma(2, rate) prior on the kernel scale. */
  private static final double SCALE_RATE = 0.15;
  private static final double LOG_W_MIN = -10;
  private static final double LOG_W_MAX = 10;
  private static final double LOG_SCALE_MIN = -10;
  private static final double LOG_SCALE_MAX = 5;
  private static final double LOG_NOISE_MIN = -20;
  private static final double LOG_NOISE_MAX = 3;

  /** A kernel's hyperparameters. */
  record Hyperparameters(double[] inverseSquaredLengthScales, double scale, double noise) {
    static Hyperparameters defaults(int dimensions) {
      double[] w = new double[dimensions];
      java.util.Arrays.fill(w, 1);
      return new Hyperparameters(w, 1, 1);
    }
  }

  /** The priors on the length scales and the kernel scale (the noise's is Gamma(1.1, 30) in both). */
  enum Prior {
    /**
     * The sampler's: Gamma(3, 6) on each length scale and a wide Gamma(2, 0.15) on the kernel
     * scale, which lets the model follow steep standardized data.
     */
    WIDE,
    /**
     * Optuna's {@code default_log_prior}: {@code -(0.1/w + 0.1 w)} on each inverse squared
     * length scale {@code w} and Gamma(2, 1) on the kernel scale, which keeps the prior variance
     * near the standardized data's 1, so a confidence bound far from every trial stays
     * comparable with those near them (the regret bound reads it there).
     */
    UNIT_SCALE
  }

  private final double[] x;
  private final double[] y;
  private final int n;
  private final boolean[] categorical;
  private final boolean deterministic;
  private final int d;
  private final Prior prior;

  KernelFit(double[] x, double[] y, int n, boolean[] categorical, boolean deterministic) {
    this(x, y, n, categorical, deterministic, Prior.WIDE);
  }

  KernelFit(double[] x, double[] y, int n, boolean[] categorical, boolean deterministic,
      Prior prior) {
    this.x = x;
    this.y = y;
    this.n = n;
    this.categorical = categorical;
    this.deterministic = deterministic;
    this.d = categorical.length;
    this.prior = prior;
  }

  /** The best fit from the given starting points; never {@code null}. */
  Hyperparameters fit(List<Hyperparameters> starts, int maxIterations, double gradientTolerance) {
    int dim = deterministic ? d + 1 : d + 2;
    double[] lower = new double[dim];
    double[] upper = new double[dim];
    for (int k = 0; k < d; k++) {
      lower[k] = LOG_W_MIN;
      upper[k] = LOG_W_MAX;
    }
    lower[d] = LOG_SCALE_MIN;
    upper[d] = LOG_SCALE_MAX;
    if (!deterministic) {
      lower[d + 1] = LOG_NOISE_MIN;
      upper[d + 1] = LOG_NOISE_MAX;
    }
    double bestValue = Double.POSITIVE_INFINITY;
    double[] best = null;
    for (Hyperparameters start : starts) {
      BoundedLbfgs.Result r = BoundedLbfgs.minimize(this::negativeLogPosterior, raw(start),
          lower, upper, maxIterations, gradientTolerance);
      if (r.value() < bestValue) {
        bestValue = r.value();
        best = r.x();
      }
    }
    return best == null ? Hyperparameters.defaults(d) : fromRaw(best);
  }

  double[] raw(Hyperparameters h) {
    double[] raw = new double[deterministic ? d + 1 : d + 2];
    for (int k = 0; k < d; k++) {
      raw[k] = clamp(Math.log(h.inverseSquaredLengthScales()[k]), LOG_W_MIN, LOG_W_MAX);
    }
    raw[d] = clamp(Math.log(h.scale()), LOG_SCALE_MIN, LOG_SCALE_MAX);
    if (!deterministic) {
      // Optuna starts slightly above the floor for the same reason: log(0) is no start.
      raw[d + 1] = clamp(Math.log(Math.max(h.noise() - 0.99 * MINIMUM_NOISE, 1e-12)),
          LOG_NOISE_MIN, LOG_NOISE_MAX);
    }
    return raw;
  }

  Hyperparameters fromRaw(double[] raw) {
    double[] w = new double[d];
    for (int k = 0; k < d; k++) {
      w[k] = Math.exp(raw[k]);
    }
    double noise = deterministic ? MINIMUM_NOISE : Math.exp(raw[d + 1]) + MINIMUM_NOISE;
    return new Hyperparameters(w, Math.exp(raw[d]), noise);
  }

  /** {@code -(log marginal likelihood + log prior)} up to a constant, and its gradient. */
  double negativeLogPosterior(double[] raw, double[] gradient) {
    double[] w = new double[d];
    for (int k = 0; k < d; k++) {
      w[k] = Math.exp(raw[k]);
    }
    double scale = Math.exp(raw[d]);
    double noiseRaw = deterministic ? 0 : Math.exp(raw[d + 1]);
    double noise = noiseRaw + MINIMUM_NOISE;
    Kernel kernel = new Kernel(w, scale, categorical);
    double[] c = new double[n * n];
    double[] slope = new double[n * n]; // scale * dm/dr2, lower triangle
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double r2 = kernel.squaredDistance(x, i, x, j);
        c[i * n + j] = scale * Kernel.matern(r2);
        slope[i * n + j] = scale * Kernel.maternDerivative(r2);
      }
      c[i * n + i] = scale + noise;
    }
    Cholesky chol = Cholesky.factor(c, n);
    if (chol == null) {
      java.util.Arrays.fill(gradient, 0);
      return Double.POSITIVE_INFINITY;
    }
    double[] alpha = y.clone();
    chol.solve(alpha);
    double value = chol.halfLogDet();
    for (int i = 0; i < n; i++) {
      value += 0.5 * y[i] * alpha[i];
    }
    double[] inverse = chol.inverse();
    // d(-logL)/dtheta = -1/2 tr((alpha alpha^T - C^{-1}) dC/dtheta); W = alpha alpha^T - C^{-1}.
    double[] gw = new double[d];
    double gScale = 0;
    double traceW = 0;
    for (int i = 0; i < n; i++) {
      int row = i * n;
      int xi = i * d;
      for (int j = 0; j < i; j++) {
        double wij = alpha[i] * alpha[j] - inverse[row + j];
        gScale += wij * c[row + j];
        double coefficient = wij * slope[row + j];
        int xj = j * d;
        for (int k = 0; k < d; k++) {
          double diff = x[xi + k] - x[xj + k];
          gw[k] += coefficient * (categorical[k] ? (diff != 0 ? 1 : 0) : diff * diff);
        }
      }
      traceW += alpha[i] * alpha[i] - inverse[row + i];
    }
    for (int k = 0; k < d; k++) {
      gradient[k] = -gw[k] * w[k];
    }
    gradient[d] = -(gScale + 0.5 * traceW * scale);
    if (!deterministic) {
      gradient[d + 1] = -0.5 * traceW * noiseRaw;
    }
    // Priors.
    double scaleRate = SCALE_RATE;
    for (int k = 0; k < d; k++) {
      if (prior == Prior.UNIT_SCALE) {
        // -log p = 0.1 / w + 0.1 w, with w = exp(raw)
        value += 0.1 / w[k] + 0.1 * w[k];
        gradient[k] += -0.1 / w[k] + 0.1 * w[k];
      } else {
        // Gamma(3, 6) on the length scale l = w^(-1/2) = exp(-raw/2): -log p = -2 log l + 6 l.
        double l = 1 / Math.sqrt(w[k]);
        value += raw[k] + 6 * l;
        gradient[k] += 1 - 3 * l;
      }
    }
    if (prior == Prior.UNIT_SCALE) {
      scaleRate = 1;
    }
    value -= Math.log(scale) - scaleRate * scale; // Gamma(2, rate)
    gradient[d] -= 1 - scaleRate * scale;
    if (!deterministic) {
      value -= 0.1 * Math.log(noise) - 30 * noise; // Gamma(1.1, 30)
      gradient[d + 1] -= (0.1 / noise - 30) * noiseRaw;
    }
    return value;
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.min(Math.max(v, lo), hi);
  }
}
