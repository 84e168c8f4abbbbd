package dev.jtune.sampler.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * {@link MeanFit}'s generalized least squares, checked with the identity covariance, where it is
 * ordinary least squares with a closed form, and its fallbacks to the constant.
 */
class MeanFitTest {

  private static Cholesky identity(int n) {
    double[] c = new double[n * n];
    for (int i = 0; i < n; i++) {
      c[i * n + i] = 1;
    }
    return Cholesky.factor(c, n);
  }

  /** The least-squares line through {@code (q_i, y_i)}: {intercept, slope}. */
  private static double[] line(double[] q, double[] y) {
    int n = q.length;
    double mq = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mq += q[i] / n;
      my += y[i] / n;
    }
    double sqy = 0;
    double sqq = 0;
    for (int i = 0; i < n; i++) {
      sqy += (q[i] - mq) * (y[i] - my);
      sqq += (q[i] - mq) * (q[i] - mq);
    }
    double slope = sqy / sqq;
    return new double[] {my - slope * mq, slope};
  }

  @Test
  void spreadIsTheSquaredDistanceFromTheCentreOverNumericalCoordinates() {
    double[] points = {0.5, 0.5, 1, 0, 1, 0.25};
    boolean[] categorical = {false, false, true};
    assertThat(MeanFit.spread(points, 0, categorical)).isEqualTo(0);
    assertThat(MeanFit.spread(points, 1, categorical)).isCloseTo(0.5, within(1e-15));
    assertThat(MeanFit.spreads(points, 2, categorical)).containsExactly(0, 0.5);
  }

  @Test
  void quadraticWithIdentityCovarianceIsOrdinaryLeastSquares() {
    double[] q = {0, 0.1, 0.2, 0.3, 0.5, 0.7};
    double[] y = {2.4, 1.6, 1.5, 1.2, 0.4, -0.3};
    double[] expected = line(q, y);
    MeanFit fit = MeanFit.quadratic(identity(q.length), y, q);
    assertThat(fit.constant()).isCloseTo(expected[0], within(1e-12));
    assertThat(fit.curvature()).isCloseTo(expected[1], within(1e-12)).isNegative();
    assertThat(fit.at(0.3)).isCloseTo(expected[0] + 0.3 * expected[1], within(1e-12));
  }

  @Test
  void constantWithIdentityCovarianceIsTheAverage() {
    double[] y = {1, 2, 6};
    MeanFit fit = MeanFit.constant(identity(3), y);
    assertThat(fit.constant()).isCloseTo(3, within(1e-12));
    assertThat(fit.curvature()).isZero();
    assertThat(fit.at(0.7)).isCloseTo(3, within(1e-12));
  }

  /** The centre is worse than the boundary: a positive slope, so the constant is kept. */
  @Test
  void fallsBackToTheConstantWhenTheCentreIsNotBetter() {
    double[] q = {0, 0.1, 0.2, 0.3};
    double[] y = {0, 1, 1, 2};
    MeanFit fit = MeanFit.quadratic(identity(4), y, q);
    assertThat(fit).isEqualTo(new MeanFit(1, 0));
  }

  /** The line's intercept, 3.15, is above every observation, 2.8 at most: the constant again. */
  @Test
  void fallsBackToTheConstantWhenTheCentreWouldBeAboveEveryObservation() {
    double[] q = {0.1, 0.2, 0.3, 0.4};
    double[] y = {2.8, 2.6, 2.2, 1.9};
    assertThat(line(q, y)[0]).isGreaterThan(2.8);
    MeanFit fit = MeanFit.quadratic(identity(4), y, q);
    assertThat(fit.curvature()).isZero();
    assertThat(fit.constant()).isCloseTo((2.8 + 2.6 + 2.2 + 1.9) / 4, within(1e-12));
  }

  /** Every point at the same distance from the centre: the slope is not identified. */
  @Test
  void fallsBackToTheConstantWhenTheSystemIsSingular() {
    double[] q = {0.2, 0.2, 0.2};
    double[] y = {1, 0, 2};
    MeanFit fit = MeanFit.quadratic(identity(3), y, q);
    assertThat(fit.curvature()).isZero();
    assertThat(fit.constant()).isCloseTo(1, within(1e-12));
  }
}
