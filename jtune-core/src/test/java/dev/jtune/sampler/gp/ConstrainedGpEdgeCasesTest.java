package dev.jtune.sampler.gp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.sampler.Constraints;
import dev.jtune.study.Objective;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.trial.Trial;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Infinite constraint values, the kriging believer's incumbent, stored-only repeats. */
class ConstrainedGpEdgeCasesTest {
  private static final Objective BOWL = t -> {
    double x = t.suggestFloat("x", -2, 2);
    double y = t.suggestFloat("y", -2, 2);
    return (x - 1) * (x - 1) + (y - 1) * (y - 1);
  };

  @Test
  void infinitiesStayOnTheirSideOfTheThreshold() {
    double[] up = {-1, -2, -3, Double.POSITIVE_INFINITY};
    double threshold = FeasibilityModel.warpAndStandardize(up);
    assertThat(up[3]).isGreaterThan(threshold);
    double[] down = {1, 2, 3, Double.NEGATIVE_INFINITY};
    threshold = FeasibilityModel.warpAndStandardize(down);
    assertThat(down[3]).isLessThanOrEqualTo(threshold);
  }

  @Test
  void anInfiniteViolationIsLearnedAsInfeasible() {
    // x > 0 violates by +infinity; the feasible optimum is (0, 1), value 1
    Study s = Study.builder().sampler(new GpSampler(GpConfig.defaults().withSeed(1)
        .withStartupTrials(8), t -> new double[] {
            (double) t.param("x") > 0 ? Double.POSITIVE_INFINITY : -1})).build();
    s.optimize(BOWL, 30);
    // before the fix: all 22 GP proposals at x = 1.00 (infeasible), best feasible 4.18
    assertThat(s.bestValue()).isLessThan(1.5);
  }

  @Test
  void underTheKrigingBelieverARunningTrialCountsAsIncumbent() {
    // constraints that always hold change nothing: the same two proposals as unconstrained
    assertThat(twoAsks(t -> new double[] {-1})).isEqualTo(twoAsks(null));
    // best observed trial infeasible: the second ask must not repeat the first (it did: 2e-7 apart)
    double[] p = twoAsks(t -> new double[] {(double) t.param("x") > 0.9 ? 1 : -1});
    assertThat(Math.hypot(p[0] - p[2], p[1] - p[3])).isGreaterThan(1e-3);
  }

  private static double[] twoAsks(Constraints c) {
    Study s = Study.builder().sampler(new GpSampler(GpConfig.defaults().withSeed(4)
        .withStartupTrials(8), c)).build();
    s.optimize(BOWL, 14);
    Trial a = s.ask();
    double ax = a.suggestFloat("x", -2, 2);
    double ay = a.suggestFloat("y", -2, 2);
    Trial b = s.ask();
    return new double[] {ax, ay, b.suggestFloat("x", -2, 2), b.suggestFloat("y", -2, 2)};
  }

  @Test
  void storedConstraintsOnlyRepeatOnFourThreads() {
    List<List<Object>> runs = new ArrayList<>();
    for (int run = 0; run < 3; run++) {
      Study study = Study.builder()
          .sampler(new GpSampler(GpConfig.defaults().withSeed(8).withStartupTrials(5)))
          .constraints(t -> new double[] {(double) t.param("x") + (double) t.param("y")}).build();
      study.optimize(BOWL, OptimizeOptions.trials(24).withJobs(4));
      runs.add(study.trials().stream().map(t -> (Object) t.params()).toList());
    }
    assertThat(runs.get(1)).isEqualTo(runs.get(0));
    assertThat(runs.get(2)).isEqualTo(runs.get(0));
  }
}
