package dev.jtune.sampler.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The quadratic prior mean ({@link GpConfig.PriorMean#QUADRATIC}, the default) reaches the model,
 * and makes the unexplored boundary look worse only as far as the trials allow: optima on the
 * boundary are still found.
 */
class QuadraticPriorMeanTest {

  private static Study minimize(GpConfig config, ToDoubleFunction<double[]> f, int trials) {
    Study study = Study.builder().name("boundary").direction(StudyDirection.MINIMIZE)
        .sampler(new GpSampler(config.withStartupTrials(10))).build();
    study.optimize(t -> f.applyAsDouble(new double[] {t.suggestFloat("x", 0, 1),
        t.suggestFloat("y", 0, 1), t.suggestFloat("z", 0, 1)}), trials);
    return study;
  }

  /** A bowl whose centre is best: the two prior means propose differently after the startup. */
  @Test
  void theDefaultIsQuadraticAndTheSettingReachesTheModel() {
    assertThat(GpConfig.defaults().priorMean()).isEqualTo(GpConfig.PriorMean.QUADRATIC);
    ToDoubleFunction<double[]> bowl = p -> {
      double s = 0;
      for (double v : p) {
        s += (v - 0.45) * (v - 0.45);
      }
      return s;
    };
    List<Object> quadratic = proposals(minimize(GpConfig.defaults().withSeed(4), bowl, 14));
    List<Object> constant = proposals(minimize(GpConfig.defaults().withSeed(4)
        .withPriorMean(GpConfig.PriorMean.CONSTANT), bowl, 14));
    assertThat(quadratic).isNotEqualTo(constant);
  }

  private static List<Object> proposals(Study study) {
    return study.trials().stream().skip(10).map(FrozenTrial::params).map(p -> p.get("x"))
        .toList();
  }

  /**
   * On a face (x = 0, the others inside); in a corner; and in a corner of a function whose centre
   * looks better than most of the boundary (a dip of depth 1.2 at the centre on the slope
   * {@code x + y + z}), so that the fit keeps a negative curvature while the optimum, -0.0030, is
   * in the corner.
   */
  @Test
  void optimaOnTheBoundaryAreStillFound() {
    ToDoubleFunction<double[]> face = p -> p[0] + (p[1] - 0.3) * (p[1] - 0.3)
        + (p[2] - 0.6) * (p[2] - 0.6);
    ToDoubleFunction<double[]> corner = p -> p[0] + p[1] + (1 - p[2]);
    ToDoubleFunction<double[]> dip = p -> p[0] + p[1] + p[2] - 1.2 * Math.exp(-8
        * ((p[0] - 0.5) * (p[0] - 0.5) + (p[1] - 0.5) * (p[1] - 0.5) + (p[2] - 0.5) * (p[2] - 0.5)));
    double dipMinimum = -1.2 * Math.exp(-6);
    for (long seed = 1; seed <= 3; seed++) {
      GpConfig config = GpConfig.defaults().withSeed(seed);
      assertThat(minimize(config, face, 40).bestValue()).as("face, seed %s", seed)
          .isCloseTo(0, within(1e-3));
      assertThat(minimize(config, corner, 40).bestValue()).as("corner, seed %s", seed)
          .isCloseTo(0, within(1e-3));
      assertThat(minimize(config, dip, 40).bestValue()).as("dip, seed %s", seed)
          .isCloseTo(dipMinimum, within(1e-3));
    }
  }
}
