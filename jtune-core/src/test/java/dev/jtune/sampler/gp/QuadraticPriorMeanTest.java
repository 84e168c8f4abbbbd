package dev.jtune.sampler.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import org.junit.jupiter.api.Test;

/**
 * The quadratic prior mean ({@link GpConfig.PriorMean#QUADRATIC}, the default) makes the unexplored
 * boundary look worse only when the trials say the centre is better: optima on the boundary are
 * still found.
 */
class QuadraticPriorMeanTest {

  private static double best(GpConfig.PriorMean priorMean, long seed, boolean corner) {
    Study study = Study.builder().name("boundary").direction(StudyDirection.MINIMIZE)
        .sampler(new GpSampler(GpConfig.defaults().withSeed(seed).withPriorMean(priorMean)
            .withStartupTrials(10)))
        .build();
    study.optimize(t -> {
      double x = t.suggestFloat("x", 0, 1);
      double y = t.suggestFloat("y", 0, 1);
      double z = t.suggestFloat("z", 0, 1);
      // on a face (x = 0) with the other two inside, or in a corner
      return corner ? x + y + (1 - z) : x + (y - 0.3) * (y - 0.3) + (z - 0.6) * (z - 0.6);
    }, 40);
    return study.bestValue();
  }

  @Test
  void theDefaultIsQuadratic() {
    assertThat(GpConfig.defaults().priorMean()).isEqualTo(GpConfig.PriorMean.QUADRATIC);
  }

  @Test
  void optimaOnTheBoundaryAreFoundAsWithTheConstantMean() {
    for (long seed = 1; seed <= 3; seed++) {
      for (boolean corner : new boolean[] {false, true}) {
        double quadratic = best(GpConfig.PriorMean.QUADRATIC, seed, corner);
        double constant = best(GpConfig.PriorMean.CONSTANT, seed, corner);
        assertThat(quadratic).as("seed %s, corner %s, constant mean %s", seed, corner, constant)
            .isCloseTo(0, within(1e-3));
      }
    }
  }
}
