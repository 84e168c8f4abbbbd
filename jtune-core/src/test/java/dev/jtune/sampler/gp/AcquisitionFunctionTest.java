package dev.jtune.sampler.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcquisitionFunctionTest {
  @Test
  void derivativesMatchFiniteDifferences() {
    List<AcquisitionFunction> functions = List.of(
        new AcquisitionFunction.LogExpectedImprovement(0.7),
        new AcquisitionFunction.LogExpectedImprovement(25),
        new AcquisitionFunction.UpperConfidenceBound(2));
    for (AcquisitionFunction f : functions) {
      for (double[] point : new double[][] {{0.3, 0.2}, {-1, 0.01}, {2, 1.5}}) {
        double mean = point[0];
        double var = point[1];
        double[] d = new double[2];
        double v = f.valueWithDerivatives(mean, var, d);
        assertThat(v).isCloseTo(f.value(mean, var), within(1e-12));
        double h = 1e-6;
        double dm = (f.value(mean + h, var) - f.value(mean - h, var)) / (2 * h);
        double dv = (f.value(mean, var + h * var) - f.value(mean, var - h * var)) / (2 * h * var);
        assertThat(d[0]).as("%s d/dmean at %s", f, List.of(mean, var))
            .isCloseTo(dm, within(1e-5 * Math.max(1, Math.abs(dm))));
        assertThat(d[1]).as("%s d/dvar at %s", f, List.of(mean, var))
            .isCloseTo(dv, within(1e-5 * Math.max(1, Math.abs(dv))));
      }
    }
  }

  @Test
  void upperConfidenceBoundAlsoFindsTheMinimum() {
    Study study = Study.builder().name("ucb").direction(StudyDirection.MINIMIZE)
        .sampler(new GpSampler(GpConfig.defaults().withSeed(3).withStartupTrials(8)
            .withAcquisition(GpConfig.Acquisition.UCB)))
        .build();
    study.optimize(t -> {
      double x = t.suggestFloat("x", -4, 4);
      int k = t.suggestInt("k", 0, 10);
      return (x - 1.3) * (x - 1.3) + 0.1 * (k - 7) * (k - 7);
    }, 30);
    assertThat(study.bestValue()).isLessThan(1e-3);
    assertThat(study.bestTrial().param("k")).isEqualTo(7);
  }
}
