package dev.jtune.sampler.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianProcessTest {
  private static final boolean[] ONE_NUMERIC = {false};

  /**
   * Two observations, y(0) = 1 and y(1) = -1, Matérn 5/2 with w = 4 (length scale 0.5), scale 1.5,
   * noise 0.01. By hand: k(0, 1) = 1.5 m(4) with m(r2) = (1 + sqrt(5 r2) + 5/3 r2) exp(-sqrt(5 r2)),
   * C = [[1.51, k01], [k01, 1.51]], and at x = 0.25 mean = k^T C^{-1} y, var = 1.5 - k^T C^{-1} k.
   * The values below were evaluated at 40 digits (mpmath) from exactly these formulas, with the
   * 2x2 inverse written out.
   */
  @Test
  void posteriorMatchesAHandComputedTwoPointCase() {
    Kernel kernel = new Kernel(new double[] {4}, 1.5, ONE_NUMERIC);
    double k01 = kernel.value(new double[] {0}, 0, new double[] {1}, 0);
    assertThat(k01).isCloseTo(0.20799032870775641592, within(1e-15));
    GaussianProcess gp = GaussianProcess.condition(new double[] {0, 1}, new double[] {1, -1}, 2,
        kernel, 0.01);
    GaussianProcess.Prediction p = gp.predict(new double[] {0.25});
    assertThat(p.mean()).isCloseTo(0.62843527560390370475, within(1e-13));
    assertThat(p.variance()).isCloseTo(0.43343909738716278446, within(1e-13));

    // The same case, written out by hand with the 2x2 inverse.
    double c = 1.51;
    double det = c * c - k01 * k01;
    double k0 = 1.5 * Kernel.matern(4 * 0.25 * 0.25);
    double k1 = 1.5 * Kernel.matern(4 * 0.75 * 0.75);
    double mean = (k0 * (c * 1 - k01 * -1) + k1 * (-k01 * 1 + c * -1)) / det;
    double quad = (c * k0 * k0 - 2 * k01 * k0 * k1 + c * k1 * k1) / det;
    assertThat(p.mean()).isCloseTo(mean, within(1e-13));
    assertThat(p.variance()).isCloseTo(1.5 - quad, within(1e-13));

    double[] dm = new double[1];
    double[] dv = new double[1];
    GaussianProcess.Prediction q = gp.predictWithGradient(new double[] {0.25}, dm, dv);
    assertThat(q.mean()).isCloseTo(p.mean(), within(1e-13));
    assertThat(q.variance()).isCloseTo(p.variance(), within(1e-13));
    assertThat(dm[0]).isCloseTo(-2.2058942179053922713, within(1e-11));
    assertThat(dv[0]).isCloseTo(2.3777226425244114976, within(1e-11));
  }

  /**
   * Two observations at the same point (y = 3, 3) and one far away (y = 0), scale 1, noise 0.01:
   * the GLS mean counts the pair almost as one observation. By hand, with C block diagonal,
   * C^{-1} 1 = (1/2.01, 1/2.01, 1/1.01), so m = (6/2.01) / (2/2.01 + 1/1.01) = 606/403 (the plain
   * average is 2). Far from every observation the posterior returns to m with the full scale.
   */
  @Test
  void glsMeanDiscountsCorrelatedObservationsAndIsThePredictionFarAway() {
    Kernel kernel = new Kernel(new double[] {4}, 1, ONE_NUMERIC);
    GaussianProcess gp = GaussianProcess.condition(new double[] {0, 0, 50},
        new double[] {3, 3, 0}, 3, kernel, 0.01).withGlsMean();
    assertThat(gp.priorMean()).isCloseTo(606.0 / 403.0, within(1e-12));

    double[] far = {-100};
    assertThat(gp.predict(far).mean()).isCloseTo(606.0 / 403.0, within(1e-12));
    assertThat(gp.predict(far).variance()).isCloseTo(1, within(1e-12));
    double[] dm = new double[1];
    double[] dv = new double[1];
    assertThat(gp.predictWithGradient(far, dm, dv).mean()).isCloseTo(606.0 / 403.0,
        within(1e-12));
    double[] mean = new double[1];
    double[] variance = new double[1];
    gp.predict(far, 1, mean, variance);
    assertThat(mean[0]).isCloseTo(606.0 / 403.0, within(1e-12));

    // At the observations the posterior still follows the data, whatever the prior mean.
    assertThat(gp.predict(new double[] {0}).mean()).isCloseTo(3, within(0.02));
    assertThat(gp.predict(new double[] {50}).mean()).isCloseTo(0, within(0.02));
    assertThat(gp.maxMeanAtObservations(3)).isCloseTo(gp.predict(new double[] {0}).mean(),
        within(1e-12));

    // Fantasies keep the prior mean.
    GaussianProcess extended = gp.withObservations(new double[] {20}, new double[] {1}, 1);
    assertThat(extended.priorMean()).isEqualTo(gp.priorMean());
    assertThat(extended.predict(far).mean()).isCloseTo(606.0 / 403.0, within(1e-12));
  }

  /**
   * A trend the kernel's long length scale sees as one slope: 15 standardized samples of
   * exp(3x) on [0, 1] with w = 0.1. The GLS estimate extrapolates the trend above every
   * observation (about 7.9 here), so it is clamped to the largest one.
   */
  @Test
  void glsMeanStaysWithinTheObservations() {
    int n = 15;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i / (n - 1.0);
      y[i] = Math.exp(3 * x[i]);
    }
    GpSampler.standardize(y);
    double max = java.util.Arrays.stream(y).max().orElseThrow();
    GaussianProcess gp = GaussianProcess.condition(x, y, n,
        new Kernel(new double[] {0.1}, 1, ONE_NUMERIC), 1e-4).withGlsMean();
    assertThat(gp.priorMean()).isEqualTo(max);
    GaussianProcess shortScale = GaussianProcess.condition(x, y, n,
        new Kernel(new double[] {100}, 1, ONE_NUMERIC), 1e-4).withGlsMean();
    assertThat(shortScale.priorMean()).isBetween(-1.5, max);
  }

  /**
   * Observations exactly on the quadratic {@code 0.4 - 1.5 q(x)}, with {@code q} the squared distance
   * of the two numerical coordinates from the centre (the categorical one does not count), one of
   * them at the centre. Whatever the kernel, the residuals of that mean are zero, so its GLS estimate
   * is exactly (0.4, -1.5), {@code alpha = 0}, and the posterior mean is the prior mean everywhere.
   */
  @Test
  void quadraticGlsMeanRecoversAnExactQuadraticTrend() {
    SplittableRandom rng = new SplittableRandom(11);
    int n = 12;
    int d = 3;
    double[] x = new double[n * d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i * d] = i == 0 ? 0.5 : rng.nextDouble();
      x[i * d + 1] = rng.nextInt(3);
      x[i * d + 2] = i == 0 ? 0.5 : rng.nextDouble();
      y[i] = quadratic(x, i * d);
    }
    Kernel kernel = new Kernel(new double[] {6, 1, 3}, 0.7, new boolean[] {false, true, false});
    GaussianProcess gp = GaussianProcess.condition(x, y, n, kernel, 1e-3).withQuadraticGlsMean();
    assertThat(gp.priorMean()).isCloseTo(0.4, within(1e-9));
    assertThat(gp.curvature()).isCloseTo(-1.5, within(1e-9));

    double[] points = {0.0, 2, 1.0, 0.9, 0, 0.2, 0.5, 1, 0.5};
    double[] mean = new double[3];
    double[] variance = new double[3];
    gp.predict(points, 3, mean, variance);
    GaussianProcess extended = gp.withObservations(new double[] {0.3, 1, 0.3}, new double[] {0},
        1);
    assertThat(extended.curvature()).isEqualTo(gp.curvature());
    assertThat(extended.priorMean()).isEqualTo(gp.priorMean());
    assertThat(extended.predict(new double[] {0.3, 1, 0.3}).mean()).isCloseTo(0, within(0.01));
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      best = Math.max(best, gp.predict(java.util.Arrays.copyOfRange(x, i * d, i * d + d)).mean());
    }
    assertThat(gp.maxMeanAtObservations(n)).isCloseTo(best, within(1e-9));

    // A fantasy exactly at an observation without noise: the factor cannot be extended and is
    // recomputed with jitter, and the prior mean stays.
    GaussianProcess noiseless = GaussianProcess.condition(x, y, n, kernel, 0)
        .withQuadraticGlsMean();
    GaussianProcess refactored = noiseless.withObservations(
        java.util.Arrays.copyOfRange(x, d, 2 * d), new double[] {y[1]}, 1);
    assertThat(refactored.curvature()).isEqualTo(noiseless.curvature()).isNotZero();
    assertThat(refactored.priorMean()).isEqualTo(noiseless.priorMean());
    assertThat(refactored.predict(new double[] {0.0, 2, 1.0}).mean())
        .isCloseTo(quadratic(points, 0), within(1e-6));
    for (int j = 0; j < 3; j++) {
      double[] point = java.util.Arrays.copyOfRange(points, j * d, j * d + d);
      assertThat(mean[j]).isCloseTo(quadratic(points, j * d), within(1e-9));
      assertThat(gp.predict(point).mean()).isCloseTo(quadratic(points, j * d), within(1e-9));
      double[] dm = new double[d];
      double[] dv = new double[d];
      assertThat(gp.predictWithGradient(point, dm, dv).mean())
          .isCloseTo(quadratic(points, j * d), within(1e-9));
      assertThat(dm[0]).isCloseTo(-3 * (point[0] - 0.5), within(1e-9));
      assertThat(dm[1]).isZero();
      assertThat(dm[2]).isCloseTo(-3 * (point[2] - 0.5), within(1e-9));
    }
  }

  private static double quadratic(double[] x, int offset) {
    double u = x[offset] - 0.5;
    double v = x[offset + 2] - 0.5;
    return 0.4 - 1.5 * (u * u + v * v);
  }

  /**
   * Where the trials do not say the centre is better, the quadratic mean is the constant GLS mean:
   * a bowl that opens the other way (the boundary better), and the exact quadratic above without
   * the observation at the centre (its fit would put the centre above every observation).
   */
  @Test
  void quadraticGlsMeanFallsBackToTheConstantUnlessTheCentreIsBetter() {
    SplittableRandom rng = new SplittableRandom(12);
    int n = 12;
    int d = 3;
    double[] x = new double[n * d];
    double[] up = new double[n];
    double[] down = new double[n];
    for (int i = 0; i < n; i++) {
      x[i * d] = rng.nextDouble();
      x[i * d + 1] = rng.nextInt(3);
      x[i * d + 2] = rng.nextDouble();
      down[i] = quadratic(x, i * d);
      up[i] = 0.8 - down[i];
    }
    Kernel kernel = new Kernel(new double[] {6, 1, 3}, 0.7, new boolean[] {false, true, false});
    for (double[] y : List.of(up, down)) {
      GaussianProcess conditioned = GaussianProcess.condition(x, y, n, kernel, 1e-3);
      GaussianProcess quadratic = conditioned.withQuadraticGlsMean();
      assertThat(quadratic.curvature()).isZero();
      assertThat(quadratic.priorMean()).isEqualTo(conditioned.withGlsMean().priorMean());
    }
  }

  @Test
  void batchAndSinglePredictionsAgreeAndFantasiesExtendTheFactor() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 30;
    int d = 3;
    boolean[] cat = {false, true, false};
    double[] x = new double[n * d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i * d] = rng.nextDouble();
      x[i * d + 1] = rng.nextInt(3);
      x[i * d + 2] = rng.nextDouble();
      y[i] = Math.sin(5 * x[i * d]) + x[i * d + 1] - x[i * d + 2];
    }
    Kernel kernel = new Kernel(new double[] {3, 0.5, 2}, 1.2, cat);
    GaussianProcess all = GaussianProcess.condition(x, y, n, kernel, 1e-4);
    GaussianProcess first = GaussianProcess.condition(java.util.Arrays.copyOf(x, 20 * d),
        java.util.Arrays.copyOf(y, 20), 20, kernel, 1e-4);
    GaussianProcess extended = first.withObservations(
        java.util.Arrays.copyOfRange(x, 20 * d, n * d), java.util.Arrays.copyOfRange(y, 20, n), 10);
    int m = 7;
    double[] points = new double[m * d];
    for (int j = 0; j < m; j++) {
      points[j * d] = rng.nextDouble();
      points[j * d + 1] = rng.nextInt(3);
      points[j * d + 2] = rng.nextDouble();
    }
    double[] mean = new double[m];
    double[] var = new double[m];
    all.predict(points, m, mean, var);
    for (int j = 0; j < m; j++) {
      double[] point = java.util.Arrays.copyOfRange(points, j * d, j * d + d);
      GaussianProcess.Prediction p = all.predict(point);
      GaussianProcess.Prediction e = extended.predict(point);
      assertThat(p.mean()).isCloseTo(mean[j], within(1e-10)).isCloseTo(e.mean(), within(1e-8));
      assertThat(p.variance()).isCloseTo(var[j], within(1e-10)).isCloseTo(e.variance(), within(1e-8));
    }
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    SplittableRandom rng = new SplittableRandom(9);
    int n = 15;
    int d = 2;
    double[] x = new double[n * d];
    double[] y = new double[n];
    for (int i = 0; i < n * d; i++) {
      x[i] = rng.nextDouble();
    }
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextGaussian();
    }
    // the centre (observed) better: a quadratic mean with curvature
    x[0] = 0.5;
    x[1] = 0.5;
    for (int i = 0; i < n; i++) {
      double u = x[i * d] - 0.5;
      double v = x[i * d + 1] - 0.5;
      y[i] = 0.1 * y[i] - 8 * (u * u + v * v);
    }
    y[0] = 0.5;
    GaussianProcess plain = GaussianProcess.condition(x, y, n,
        new Kernel(new double[] {5, 2}, 0.8, new boolean[] {false, false}), 1e-3);
    GaussianProcess quadratic = plain.withQuadraticGlsMean();
    assertThat(quadratic.curvature()).isNegative();
    for (GaussianProcess gp : List.of(plain, quadratic)) {
      assertGradientsMatchFiniteDifferences(gp, new double[] {0.37, 0.61});
      assertGradientsMatchFiniteDifferences(gp, new double[] {0.02, 0.97});
    }
  }

  private static void assertGradientsMatchFiniteDifferences(GaussianProcess gp, double[] point) {
    int d = point.length;
    double[] dm = new double[d];
    double[] dv = new double[d];
    gp.predictWithGradient(point, dm, dv);
    for (int k = 0; k < d; k++) {
      double[] up = point.clone();
      double[] down = point.clone();
      up[k] += 1e-6;
      down[k] -= 1e-6;
      GaussianProcess.Prediction a = gp.predict(up);
      GaussianProcess.Prediction b = gp.predict(down);
      assertThat(dm[k]).isCloseTo((a.mean() - b.mean()) / 2e-6, within(1e-6));
      assertThat(dv[k]).isCloseTo((a.variance() - b.variance()) / 2e-6, within(1e-6));
    }
  }

  /**
   * Standardizing is scale-free, huge finite values included: a Double.MAX_VALUE penalty made every
   * target NaN, and 1e300 penalties made every target 0, good trials included.
   */
  @Test
  void standardizingHugeFiniteValuesKeepsTheirOrder() {
    double[] small = {-1, -1, -1, -0.5, -0.3, -1, -1, -0.1};
    for (double penalty : new double[] {Double.MAX_VALUE, 1e300}) {
      double[] y = new double[small.length];
      for (int i = 0; i < y.length; i++) {
        y[i] = small[i] == -1 ? -penalty : small[i];
      }
      GpSampler.standardize(y);
      for (int i = 0; i < y.length; i++) {
        assertThat(y[i]).as("penalty %s, value %d", penalty, i).isFinite();
      }
      assertThat(y[3]).isGreaterThan(y[0]);
      double mean = java.util.Arrays.stream(y).average().orElseThrow();
      assertThat(mean).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
    }
  }
}
