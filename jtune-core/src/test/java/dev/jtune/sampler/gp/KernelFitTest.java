package dev.jtune.sampler.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KernelFitTest {
  private final int n = 40;
  private final int d = 3;
  private final double[] x = new double[n * d];
  private final double[] y = new double[n];

  KernelFitTest() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int i = 0; i < n; i++) {
      x[i * d] = rng.nextDouble();
      x[i * d + 1] = rng.nextDouble();
      x[i * d + 2] = rng.nextInt(2);
      // depends strongly on x0, not at all on x1, a little on the categorical
      y[i] = Math.sin(6 * x[i * d]) + 0.3 * x[i * d + 2];
    }
    GpSampler.standardize(y);
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    for (boolean deterministic : new boolean[] {false, true}) {
      KernelFit fit = new KernelFit(x, y, n, new boolean[] {false, false, true}, deterministic);
      double[] raw = deterministic ? new double[] {0.3, -0.5, 0.1, 0.2}
          : new double[] {0.3, -0.5, 0.1, 0.2, -3};
      assertGradientMatchesFiniteDifferences(fit, raw, "deterministic=" + deterministic);
    }
  }

  /** The analytic gradient at {@code raw} agrees with central differences of the value. */
  private static void assertGradientMatchesFiniteDifferences(KernelFit fit, double[] raw,
      String description) {
    double[] g = new double[raw.length];
    fit.negativeLogPosterior(raw, g);
    for (int k = 0; k < raw.length; k++) {
      double[] up = raw.clone();
      double[] down = raw.clone();
      up[k] += 1e-6;
      down[k] -= 1e-6;
      double[] unused = new double[raw.length];
      double numeric = (fit.negativeLogPosterior(up, unused)
          - fit.negativeLogPosterior(down, unused)) / 2e-6;
      assertThat(g[k]).as("%s: d/d raw[%s]", description, k)
          .isCloseTo(numeric, within(1e-5 * Math.max(1, Math.abs(numeric))));
    }
  }

  /**
   * With the prior mean profiled out, the gradient leaves out the mean's dependence on the
   * hyperparameters (the mean minimizes the likelihood's quadratic form, so that term vanishes);
   * finite differences of the profiled likelihood agree, for the constant and the quadratic mean.
   */
  @Test
  void profiledMeanGradientMatchesFiniteDifferences() {
    double[] bowl = new double[n];
    boolean[] categorical = {false, false, true};
    for (int i = 0; i < n; i++) {
      bowl[i] = -3 * MeanFit.spread(x, i, categorical) + 0.3 * Math.sin(6 * x[i * d]);
    }
    GpSampler.standardize(bowl);
    double[] raw = {0.3, -0.5, 0.1, 0.2, -3};
    double zeroMean = new KernelFit(x, bowl, n, categorical, false)
        .negativeLogPosterior(raw, new double[raw.length]);
    double constantMean = Double.NaN;
    for (MeanFit.Form form : new MeanFit.Form[] {MeanFit.Form.CONSTANT, MeanFit.Form.QUADRATIC}) {
      KernelFit fit = new KernelFit(x, bowl, n, categorical, false, form);
      double value = fit.negativeLogPosterior(raw, new double[raw.length]);
      assertThat(value).as("%s: a fitted mean explains part of the bowl", form)
          .isLessThan(form == MeanFit.Form.CONSTANT ? zeroMean : constantMean);
      constantMean = value;
      assertGradientMatchesFiniteDifferences(fit, raw, form.toString());
    }
  }

  @Test
  void findsWhichDimensionMattersAndLittleNoise() {
    KernelFit fit = new KernelFit(x, y, n, new boolean[] {false, false, true}, false);
    KernelFit.Hyperparameters h = fit.fit(List.of(KernelFit.Hyperparameters.defaults(d)), 200, 1e-2);
    double[] w = h.inverseSquaredLengthScales();
    assertThat(w[0]).isGreaterThan(20 * w[1]);
    assertThat(h.noise()).isLessThan(1e-2);
    double[] g = new double[d + 2];
    double[] raw = fit.raw(h);
    fit.negativeLogPosterior(raw, g);
    // at the optimum, every gradient component is small or pushes against a bound
    for (int k = 0; k < d + 1; k++) {
      assertThat(Math.abs(g[k])).as("gradient %s", k).isLessThan(0.05);
    }
  }
}
