package dev.jtune.sampler.gp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import org.junit.jupiter.api.Test;

class GpSamplerBraninTest {
  /** Branin-Hoo on [-5, 10] x [0, 15]; three global minima of value 5 / (4 pi) = 0.397887... */
  static double branin(double x1, double x2) {
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double c = 5 / Math.PI;
    double t = 1 / (8 * Math.PI);
    double u = x2 - b * x1 * x1 + c * x1 - 6;
    return u * u + 10 * (1 - t) * Math.cos(x1) + 10;
  }

  @Test
  void findsBraninsOptimumWithin60Trials() {
    Study study = Study.builder().name("branin").direction(StudyDirection.MINIMIZE)
        .sampler(new GpSampler(7)).build();
    study.optimize(trial -> branin(trial.suggestFloat("x1", -5, 10), trial.suggestFloat("x2", 0, 15)),
        60);
    assertThat(study.bestValue()).isCloseTo(5 / (4 * Math.PI), org.assertj.core.data.Offset.offset(1e-3));
  }
}
