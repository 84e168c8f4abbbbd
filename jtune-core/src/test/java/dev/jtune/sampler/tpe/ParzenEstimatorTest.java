package dev.jtune.sampler.tpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.IntDistribution;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Known answers from Optuna 3.1's own {@code _ParzenEstimator} (whose continuous log densities are
 * bandwidth-weighted, our default, see {@link TpeConfig#bandwidthWeightedScore}) (Debian's python3-optuna), fitted
 * on the same observations: its weights, means, bandwidths and {@code log_pdf}. The script is
 * {@code src/test/resources/parzen_known_answers.py}, run with {@code /usr/bin/python3}.
 */
class ParzenEstimatorTest {
  private static final double TOL = 1e-12;
  private static final TpeConfig CONFIG = TpeConfig.defaults().withSeed(0);

  @Test
  void univariateFloat() {
    ParzenEstimator pe = fit(List.of(FloatDistribution.uniform(-1, 3)), CONFIG,
        new double[][] {{0.1, 0.5, 0.55, 2.0}});
    assertWeights(pe, 0.2, 0.2, 0.2, 0.2, 0.2);
    NumericalKernel k = (NumericalKernel) pe.kernel(0);
    assertMusSigmas(k, new double[] {0.1, 0.5, 0.55, 2.0, 1.0},
        new double[] {0.6666666666666666, 0.6666666666666666, 0.6666666666666666, 1.0, 4.0});
    assertLogPdf(pe, new double[][] {{-1, 0.0, 0.52, 1.7, 3.0}}, -1.52195782899837,
        -0.8767170049214984, -0.757694280499228, -1.093887457348689, -1.4201960006471157);
  }

  @Test
  void logFloat() {
    ParzenEstimator pe = fit(List.of(FloatDistribution.logUniform(1e-5, 1e-1)), CONFIG,
        new double[][] {{1e-4, 3e-3, 0.05}});
    assertMusSigmas((NumericalKernel) pe.kernel(0),
        new double[] {-9.210340371976182, -5.809142990314027, -2.995732273553991,
            -6.907755278982137},
        new double[] {2.302585092994045, 2.813410716760036, 2.813410716760036, 9.210340371976184});
    assertLogPdf(pe, new double[][] {{1e-5, 1e-3, 0.02}}, -1.1450024422292688,
        -0.6890684042720864, -0.6827898829684587);
  }

  @Test
  void integerUsesTheMassOfItsCell() {
    ParzenEstimator pe = fit(List.of(IntDistribution.uniform(1, 10)), CONFIG,
        new double[][] {{1, 4, 4, 9}});
    assertMusSigmas((NumericalKernel) pe.kernel(0), new double[] {1.0, 4.0, 4.0, 9.0, 5.5},
        new double[] {3.0, 3.0, 1.6666666666666667, 3.5, 10.0});
    assertLogPdf(pe, new double[][] {{1, 4, 7, 10}}, -2.334307435620497, -1.9636511839484143,
        -2.4645170876300337, -2.867811824646448);
  }

  @Test
  void categoricalKernel() {
    ParzenEstimator pe = fit(List.of(CategoricalDistribution.of("a", "b", "c", "d")), CONFIG,
        new double[][] {{0, 2, 2}});
    assertWeights(pe, 0.25, 0.25, 0.25, 0.25);
    assertLogPdf(pe, new double[][] {{0, 1, 2, 3}}, -1.2685113254635072, -1.856297990365626,
        -0.9007865453381898, -1.856297990365626);
  }

  @Test
  void multivariateMixesFloatIntAndCategorical() {
    ParzenEstimator pe = fit(List.of(FloatDistribution.uniform(-1, 3), IntDistribution.uniform(1,
        10), CategoricalDistribution.of("a", "b")), CONFIG.withMultivariate(true),
        new double[][] {{0.1, 0.5, 2.0}, {2, 4, 8}, {1, 0, 1}});
    assertMusSigmas((NumericalKernel) pe.kernel(0), new double[] {0.1, 0.5, 2.0, 1.0},
        new double[] {0.8, 0.8, 0.8, 4.0});
    assertMusSigmas((NumericalKernel) pe.kernel(1), new double[] {2.0, 4.0, 8.0, 5.5},
        new double[] {2.0, 2.0, 2.0, 10.0});
    assertLogPdf(pe, new double[][] {{0.0, 1.0}, {3, 8}, {1, 0}}, -3.332557575491773,
        -4.068600331745553);
  }

  @Test
  void endpointsWithoutClipOrPrior() {
    TpeConfig config = CONFIG.withPrior(false, 1.0).withMagicClip(false).withEndpoints(true);
    ParzenEstimator pe = fit(List.of(FloatDistribution.uniform(-1, 3)), config,
        new double[][] {{-0.9, 0.5, 0.55, 2.9}});
    assertWeights(pe, 0.25, 0.25, 0.25, 0.25);
    assertMusSigmas((NumericalKernel) pe.kernel(0), new double[] {-0.9, 0.5, 0.55, 2.9},
        new double[] {1.4, 1.4, 2.3499999999999996, 2.3499999999999996});
    assertLogPdf(pe, new double[][] {{-0.95, 0.52, 2.95}}, -0.792742189213839,
        -0.63581253512763, -1.0709750328924652);
  }

  @Test
  void floatStepAndLogInteger() {
    ParzenEstimator pe = fit(List.of(FloatDistribution.stepped(0.1, 1.0, 0.1),
        IntDistribution.logUniform(1, 128)), CONFIG.withMultivariate(true),
        new double[][] {{0.2, 0.5, 0.5}, {2, 16, 100}});
    assertMusSigmas((NumericalKernel) pe.kernel(0), new double[] {0.2, 0.5, 0.5, 0.55},
        new double[] {0.2, 0.2, 0.2, 1.0});
    assertMusSigmas((NumericalKernel) pe.kernel(1),
        new double[] {0.6931471805599453, 2.772588722239781, 4.605170185988091,
            2.0813908618876646},
        new double[] {1.109815216979044, 1.109815216979044, 1.109815216979044, 5.54907608489522});
    assertLogPdf(pe, new double[][] {{0.1, 0.5, 1.0}, {1, 16, 128}}, -3.1302347762576725,
        -2.8502588835908838, -3.7568151226717728);
  }

  @Test
  void normalizedKernelsIntegrateToOneAndDifferByLogSigma() {
    TpeConfig normalized = CONFIG.withBandwidthWeightedScore(false);
    ParzenEstimator pe = fit(List.of(FloatDistribution.uniform(-1, 3)), normalized,
        new double[][] {{0.1, 0.5, 0.55, 2.0}});
    int steps = 40000;
    double[][] grid = new double[1][steps];
    for (int i = 0; i < steps; i++) {
      grid[0][i] = -1 + 4.0 * (i + 0.5) / steps;
    }
    double integral = 0;
    for (double lp : pe.logPdf(grid)) {
      integral += Math.exp(lp) * 4.0 / steps;
    }
    assertThat(integral).isCloseTo(1.0, within(1e-6));
    // One observation, no prior: the two scores differ by exactly log(sigma).
    TpeConfig single = normalized.withPrior(false, 1.0);
    ParzenEstimator a = fit(List.of(FloatDistribution.uniform(-1, 3)), single,
        new double[][] {{0.5}});
    ParzenEstimator b = fit(List.of(FloatDistribution.uniform(-1, 3)),
        single.withBandwidthWeightedScore(true), new double[][] {{0.5}});
    double sigma = ((NumericalKernel) a.kernel(0)).sigma(0);
    double[][] x = {{0.9}};
    assertThat(b.logPdf(x)[0] - a.logPdf(x)[0]).isCloseTo(Math.log(sigma), within(TOL));
  }

  @Test
  void recencyWeightsRampTheOldestObservations() {
    assertThat(ParzenEstimator.observationWeights(3, 25)).containsExactly(1, 1, 1);
    double[] w = ParzenEstimator.observationWeights(30, 25);
    // numpy.linspace(1/30, 1, 5) then 25 ones
    assertThat(w[0]).isCloseTo(1.0 / 30, within(TOL));
    assertThat(w[2]).isCloseTo((1.0 / 30 + 1) / 2, within(TOL));
    assertThat(w[4]).isCloseTo(1.0, within(TOL));
    assertThat(w[29]).isEqualTo(1.0);
  }

  @Test
  void samplesStayInsideTheDistributionsAndFollowTheModel() {
    FloatDistribution x = FloatDistribution.uniform(-1, 3);
    IntDistribution n = IntDistribution.stepped(0, 20, 4);
    ParzenEstimator pe = fit(List.of(x, n), CONFIG.withMultivariate(true),
        new double[][] {{2.5, 2.6, 2.4, 2.5}, {8, 8, 12, 8}});
    double[][] samples = pe.sample(new SplittableRandom(7), 2000);
    double near = 0;
    for (int s = 0; s < 2000; s++) {
      assertThat(x.contains(samples[0][s])).isTrue();
      assertThat(n.contains(samples[1][s])).isTrue();
      if (Math.abs(samples[0][s] - 2.5) < 0.5) {
        near++;
      }
    }
    // 4 of the 5 components sit at 2.5 with bandwidth 0.8 (Scott): well over half land near it.
    assertThat(near / 2000).isGreaterThan(0.5);
  }

  private static ParzenEstimator fit(List<Distribution> dists, TpeConfig config,
      double[][] observations) {
    return ParzenEstimator.fit(dists.stream().map(Dimension::of).toList(), observations, config);
  }

  private static void assertWeights(ParzenEstimator pe, double... expected) {
    assertThat(pe.components()).isEqualTo(expected.length);
    for (int j = 0; j < expected.length; j++) {
      assertThat(pe.weight(j)).isCloseTo(expected[j], within(TOL));
    }
  }

  private static void assertMusSigmas(NumericalKernel k, double[] mus, double[] sigmas) {
    assertThat(k.size()).isEqualTo(mus.length);
    for (int j = 0; j < mus.length; j++) {
      assertThat(k.mu(j)).as("mu %s", j).isCloseTo(mus[j], within(TOL));
      assertThat(k.sigma(j)).as("sigma %s", j).isCloseTo(sigmas[j], within(TOL));
    }
  }

  private static void assertLogPdf(ParzenEstimator pe, double[][] samples, double... expected) {
    double[] actual = pe.logPdf(samples);
    for (int s = 0; s < expected.length; s++) {
      assertThat(actual[s]).as("log_pdf of sample %s", s).isCloseTo(expected[s], within(1e-10));
    }
  }
}
