package dev.jtune.sampler.gp;

/**
 * A Gaussian-process regressor conditioned on observations: the posterior mean and variance of the
 * latent function at any point, with their gradients. Observations {@code y} are assumed
 * standardized; the prior mean is {@code m(x) = a + b q(x)}, where {@code q(x)} is the squared
 * distance of {@code x}'s numerical coordinates from the centre of the unit cube, both coefficients
 * zero unless set by {@link #withGlsMean()} or {@link #withQuadraticGlsMean()}. Immutable.
 *
 * <p>With {@code C = K(X, X) + noise I = L L^T} and {@code alpha = C^{-1} (y - m(X))}, the posterior
 * at {@code x} has mean {@code m(x) + k(x)^T alpha} and variance {@code scale - |L^{-1} k(x)|^2}
 * (clamped at 0), where {@code k(x) = K(X, x)} (Rasmussen and Williams 2006, algorithm 2.1).
 */
final class GaussianProcess {
  private final double[] x;
  private final double[] y;
  private final int n;
  private final Kernel kernel;
  private final double noise;
  private final Cholesky chol;
  private final double priorMean;
  private final double curvature;
  private final double[] alpha;

  private GaussianProcess(double[] x, double[] y, int n, Kernel kernel, double noise,
      Cholesky chol, double priorMean, double curvature) {
    this.x = x;
    this.y = y;
    this.n = n;
    this.kernel = kernel;
    this.noise = noise;
    this.chol = chol;
    this.priorMean = priorMean;
    this.curvature = curvature;
    this.alpha = new double[n];
    for (int i = 0; i < n; i++) {
      alpha[i] = y[i] - prior(x, i);
    }
    chol.solve(alpha);
  }

  /** The prior mean {@code a + b q(x)} at point {@code row} of {@code points}. */
  private double prior(double[] points, int row) {
    return curvature == 0 ? priorMean : priorMean + curvature * spread(points, row);
  }

  /**
   * {@code q(x)}: the squared distance of point {@code row}'s numerical coordinates from the
   * centre, 0.5 (an absent numerical parameter sits there and adds nothing).
   */
  private double spread(double[] points, int row) {
    int d = kernel.dimensions();
    boolean[] categorical = kernel.categorical();
    double s = 0;
    for (int c = 0; c < d; c++) {
      if (!categorical[c]) {
        double u = points[row * d + c] - 0.5;
        s += u * u;
      }
    }
    return s;
  }

  /**
   * Conditions the prior on {@code n} observations {@code x} (n x d row-major) and {@code y}. If
   * {@code C} is not numerically positive definite, jitter is added to the diagonal, growing
   * tenfold from {@code 1e-10 * scale}, until it is.
   */
  static GaussianProcess condition(double[] x, double[] y, int n, Kernel kernel, double noise) {
    double[] c = covariance(x, n, kernel, noise);
    Cholesky chol = Cholesky.factor(c, n);
    double jitter = 1e-10 * kernel.scale();
    while (chol == null) {
      if (jitter > kernel.scale()) {
        throw new ArithmeticException("the GP covariance of " + n
            + " observations is not positive definite even with jitter " + jitter);
      }
      for (int i = 0; i < n; i++) {
        c[i * n + i] += jitter;
      }
      jitter *= 10;
      chol = Cholesky.factor(c, n);
    }
    return new GaussianProcess(x, y, n, kernel, noise, chol, 0, 0);
  }

  /**
   * This process with its constant prior mean set to the generalized-least-squares estimate
   * {@code m = 1^T C^{-1} y / 1^T C^{-1} 1} (Rasmussen and Williams 2006, section 2.7): the constant
   * that maximizes the marginal likelihood for this kernel and noise. Unlike the plain average of
   * the observations, it discounts observations that are correlated with each other, so a cluster
   * of samples in a good region does not lift the prediction for unexplored regions (with the
   * average, the unexplored corners of the domain looked as good as the typical sample and
   * attracted trials). With long length scales {@code C^{-1} 1} has negative entries and the
   * estimate extrapolates a trend in the data (15 samples of {@code exp(3x)} give a mean above
   * every observation), so it is clamped to the range of the observations. Costs one triangular
   * solve pair, {@code n^2}.
   */
  GaussianProcess withGlsMean() {
    double[] ones = new double[n];
    java.util.Arrays.fill(ones, 1);
    chol.solve(ones);
    double numerator = 0;
    double denominator = 0;
    for (int i = 0; i < n; i++) {
      numerator += ones[i] * y[i];
      denominator += ones[i];
    }
    return withConstantMean(numerator / denominator);
  }

  /** This process with the constant prior mean {@code m} clamped to the observations' range. */
  private GaussianProcess withConstantMean(double m) {
    if (!Double.isFinite(m)) {
      return this;
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      lo = Math.min(lo, y[i]);
      hi = Math.max(hi, y[i]);
    }
    return new GaussianProcess(x, y, n, kernel, noise, chol, Math.min(Math.max(m, lo), hi), 0);
  }

  /**
   * This process with the prior mean {@code a + b q(x)} fitted by generalized least squares, where
   * {@code q(x)} is the squared distance of the numerical coordinates from the centre of the unit
   * cube: {@code (a, b) = (H^T C^{-1} H)^{-1} H^T C^{-1} y} with the columns {@code 1} and
   * {@code q(X)} in {@code H}, the pair that maximizes the marginal likelihood for this kernel and
   * noise. Where no observation is near, the posterior returns to this mean, so with {@code b < 0}
   * the unexplored boundary, where the posterior variance is largest, no longer looks as good as
   * the typical observation (the over-exploration of the boundary that Snoek et al. 2015 countered
   * with a fixed quadratic prior mean). Whenever the data do not say the centre is better (a
   * {@code b >= 0}, a singular system, no numerical coordinate) or the fit puts the centre above
   * every observation, the constant mean of {@link #withGlsMean()} is used instead. The predictive
   * variance does not include the uncertainty of {@code (a, b)} (as for the constant mean), and
   * {@code b} is not bounded below. Costs two triangular solve pairs, {@code 2 n^2}.
   */
  GaussianProcess withQuadraticGlsMean() {
    double[] ones = new double[n];
    double[] q = new double[n];
    for (int i = 0; i < n; i++) {
      ones[i] = 1;
      q[i] = spread(x, i);
    }
    double[] cOnes = ones.clone();
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
      return withConstantMean(r1 / g11); // withGlsMean(), from the solve already made
    }
    return new GaussianProcess(x, y, n, kernel, noise, chol, a, b);
  }

  /** The prior mean's constant {@code a}: its value at the centre. */
  double priorMean() {
    return priorMean;
  }

  /** The prior mean's coefficient {@code b} of the squared distance from the centre. */
  double curvature() {
    return curvature;
  }

  /** {@code K(X, X) + noise I}, lower triangle filled (the upper is left zero). */
  static double[] covariance(double[] x, int n, Kernel kernel, double noise) {
    double[] c = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        c[i * n + j] = kernel.value(x, i, x, j);
      }
      c[i * n + i] = kernel.scale() + noise;
    }
    return c;
  }

  /**
   * This process further conditioned on {@code r} more observations (the fantasies of running
   * trials), with the same kernel and noise; the Cholesky factor is extended, not recomputed.
   */
  GaussianProcess withObservations(double[] xr, double[] yr, int r) {
    if (r == 0) {
      return this;
    }
    int d = kernel.dimensions();
    double[] b = new double[n * r];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < r; j++) {
        b[i * r + j] = kernel.value(x, i, xr, j);
      }
    }
    double[] dd = covariance(xr, r, kernel, noise);
    double[] xAll = new double[(n + r) * d];
    System.arraycopy(x, 0, xAll, 0, n * d);
    System.arraycopy(xr, 0, xAll, n * d, r * d);
    double[] yAll = new double[n + r];
    System.arraycopy(y, 0, yAll, 0, n);
    System.arraycopy(yr, 0, yAll, n, r);
    Cholesky extended = chol.extend(b, dd, r);
    if (extended == null) {
      GaussianProcess refactored = condition(xAll, yAll, n + r, kernel, noise);
      return new GaussianProcess(xAll, yAll, n + r, kernel, noise, refactored.chol, priorMean,
          curvature);
    }
    return new GaussianProcess(xAll, yAll, n + r, kernel, noise, extended, priorMean, curvature);
  }

  /**
   * The largest posterior mean at the first {@code count} observed points: {@code y_i - noise
   * alpha_i}. With noise, the best believed value, a less optimistic improvement threshold than the
   * largest (noisy) observation.
   */
  double maxMeanAtObservations(int count) {
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < Math.min(count, n); i++) {
      best = Math.max(best, y[i] - noise * alpha[i]);
    }
    return best;
  }

  /**
   * The largest posterior mean at the observed points {@code i} with {@code which[i]} (of the first
   * {@code which.length}); {@code -infinity} when there is none.
   */
  double maxMeanAtObservations(boolean[] which) {
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < Math.min(which.length, n); i++) {
      if (which[i]) {
        best = Math.max(best, y[i] - noise * alpha[i]);
      }
    }
    return best;
  }

  Kernel kernel() {
    return kernel;
  }

  double noise() {
    return noise;
  }

  int size() {
    return n;
  }

  /** The posterior mean and variance at one point ({@code d} coordinates). */
  Prediction predict(double[] point) {
    double[] k = new double[n];
    double mean = prior(point, 0);
    for (int i = 0; i < n; i++) {
      k[i] = kernel.value(x, i, point, 0);
      mean += k[i] * alpha[i];
    }
    chol.solveLower(k);
    double reduction = 0;
    for (int i = 0; i < n; i++) {
      reduction += k[i] * k[i];
    }
    return new Prediction(mean, Math.max(kernel.scale() - reduction, 0));
  }

  /** The posterior means and variances at {@code m} points ({@code m x d} row-major). */
  void predict(double[] points, int m, double[] meanOut, double[] varianceOut) {
    double[] k = new double[n * m];
    for (int j = 0; j < m; j++) {
      meanOut[j] = prior(points, j);
    }
    for (int i = 0; i < n; i++) {
      int row = i * m;
      double a = alpha[i];
      for (int j = 0; j < m; j++) {
        double v = kernel.value(x, i, points, j);
        k[row + j] = v;
        meanOut[j] += v * a;
      }
    }
    chol.solveLowerInPlace(k, m);
    java.util.Arrays.fill(varianceOut, 0, m, kernel.scale());
    for (int i = 0; i < n; i++) {
      int row = i * m;
      for (int j = 0; j < m; j++) {
        varianceOut[j] -= k[row + j] * k[row + j];
      }
    }
    for (int j = 0; j < m; j++) {
      varianceOut[j] = Math.max(varianceOut[j], 0);
    }
  }

  /**
   * The posterior at one point with the gradients of mean and variance with respect to its
   * numerical coordinates (categorical coordinates get gradient 0).
   */
  Prediction predictWithGradient(double[] point, double[] meanGradient, double[] varianceGradient) {
    int d = kernel.dimensions();
    double[] w = kernel.inverseSquaredLengthScales();
    boolean[] categorical = kernel.categorical();
    double[] k = new double[n];
    double[] dk = new double[n]; // d k_i / d r2_i
    double mean = prior(point, 0);
    for (int i = 0; i < n; i++) {
      double r2 = kernel.squaredDistance(x, i, point, 0);
      k[i] = kernel.scale() * Kernel.matern(r2);
      dk[i] = kernel.scale() * Kernel.maternDerivative(r2);
      mean += k[i] * alpha[i];
    }
    double[] v = k.clone();
    chol.solve(v); // C^{-1} k
    double variance = kernel.scale();
    for (int i = 0; i < n; i++) {
      variance -= k[i] * v[i];
    }
    java.util.Arrays.fill(varianceGradient, 0);
    for (int c = 0; c < d; c++) {
      meanGradient[c] = categorical[c] ? 0 : 2 * curvature * (point[c] - 0.5);
    }
    for (int i = 0; i < n; i++) {
      double ai = alpha[i] * dk[i];
      double vi = -2 * v[i] * dk[i];
      int row = i * d;
      for (int c = 0; c < d; c++) {
        if (categorical[c]) {
          continue;
        }
        double dr2 = 2 * w[c] * (point[c] - x[row + c]); // d r2 / d x_c
        meanGradient[c] += ai * dr2;
        varianceGradient[c] += vi * dr2;
      }
    }
    if (variance <= 0) {
      java.util.Arrays.fill(varianceGradient, 0);
      variance = 0;
    }
    return new Prediction(mean, variance);
  }

  /** A posterior mean and variance. */
  record Prediction(double mean, double variance) {}
}
