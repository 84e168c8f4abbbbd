package dev.jtune.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.sampler.Sampler;
import dev.jtune.sampler.gp.GpConfig;
import dev.jtune.sampler.gp.GpSampler;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GpSamplerTest extends SamplerContract {
  @Override
  protected Sampler newSampler(long seed) {
    return new GpSampler(seed);
  }


  @Override
  protected int trials() {
    return 40;
  }

  @Test
  void runningTrialsPushTheNextProposalsApart() {
    for (GpConfig.RunningTrials strategy : GpConfig.RunningTrials.values()) {
      Study study = Study.builder().name("spread-" + strategy).direction(StudyDirection.MINIMIZE)
          .sampler(new GpSampler(GpConfig.defaults().withSeed(4).withStartupTrials(10)
              .withRunningTrials(strategy)))
          .build();
      study.optimize(GpSamplerTest::branin, 12);
      // Three workers ask before anyone tells: each later proposal sees the earlier running ones.
      List<double[]> proposals = new java.util.ArrayList<>();
      for (int w = 0; w < 3; w++) {
        Trial t = study.ask();
        proposals.add(new double[] {t.suggestFloat("x1", -5, 10) / 15, t.suggestFloat("x2", 0, 15) / 15});
        FrozenTrial stored = study.trials().get(t.number());
        assertThat(stored.systemAttrs().get(GpSampler.RELATIVE_PARAMS)).isInstanceOf(Map.class);
      }
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < i; j++) {
          double dx = proposals.get(i)[0] - proposals.get(j)[0];
          double dy = proposals.get(i)[1] - proposals.get(j)[1];
          assertThat(Math.hypot(dx, dy)).as("%s: proposals %s and %s", strategy, i, j)
              .isGreaterThan(0.02);
        }
      }
    }
  }

  private static double branin(Trial t) {
    double x1 = t.suggestFloat("x1", -5, 10);
    double x2 = t.suggestFloat("x2", 0, 15);
    double u = x2 - 5.1 / (4 * Math.PI * Math.PI) * x1 * x1 + 5 / Math.PI * x1 - 6;
    return u * u + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) + 10;
  }

  @Test
  void runsOnFourThreads() {
    Study study = Study.builder().name("threads").direction(StudyDirection.MINIMIZE)
        .sampler(new GpSampler(GpConfig.defaults().withSeed(6).withStartupTrials(8))).build();
    study.optimize(GpSamplerTest::branin, dev.jtune.study.OptimizeOptions.trials(40).withJobs(4));
    assertThat(study.trials()).hasSize(40)
        .allMatch(t -> t.state() == dev.jtune.trial.TrialState.COMPLETE);
    long proposed = study.trials().stream()
        .filter(t -> t.systemAttrs().containsKey(GpSampler.RELATIVE_PARAMS)).count();
    assertThat(proposed).isGreaterThan(25);
    assertThat(study.bestValue()).isLessThan(1.0);
  }

  @Test
  void picksTheBestChoiceAndLandsOnTheIntegerGrid() {
    Study study = Study.builder().name("mixed").direction(StudyDirection.MINIMIZE)
        .sampler(new GpSampler(3)).build();
    study.optimize(t -> {
      String kind = t.suggestCategorical("kind", List.of("a", "b", "c"));
      int n = t.suggestInt("n", 0, 20, 2);
      double x = t.suggestFloat("x", 1e-3, 1e1, true);
      double offset = kind.equals("b") ? 0 : kind.equals("a") ? 1 : 2;
      double u = Math.log10(x) + 1;
      return offset + 0.05 * (n - 8) * (n - 8) + u * u;
    }, 40);
    FrozenTrial best = study.bestTrial();
    assertThat(best.param("kind")).isEqualTo("b");
    assertThat(best.param("n")).isEqualTo(8);
    assertThat(study.bestValue()).isLessThan(0.01);
  }
}
