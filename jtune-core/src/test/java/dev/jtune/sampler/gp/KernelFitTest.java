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
        assertThat(g[k]).as("d/d raw[%s], deterministic=%s", k, deterministic)
            .isCloseTo(numeric, within(1e-5 * Math.max(1, Math.abs(numeric))));
      }
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
