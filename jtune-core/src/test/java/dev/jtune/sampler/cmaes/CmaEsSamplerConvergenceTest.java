package dev.jtune.sampler.cmaes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialState;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CmaEsSamplerConvergenceTest {
  private static double[] x(Trial t, int n, double low, double high) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = t.suggestFloat("x" + i, low, high);
    }
    return x;
  }

  private static Study study(CmaEsConfig config) {
    return Study.builder().name("cma").direction(StudyDirection.MINIMIZE)
        .sampler(new CmaEsSampler(config)).build();
  }

  @Test
  void convergesOnA5dSphere() {
    Study study = study(CmaEsConfig.defaults().withSeed(1));
    study.optimize(t -> {
      double s = 0;
      for (double v : x(t, 5, -5, 10)) {
        s += (v - 1) * (v - 1);
      }
      return s;
    }, 600);
    assertThat(study.bestValue()).isLessThan(1e-6);
  }

  @Test
  void convergesOnA5dRosenbrock() {
    Study study = study(CmaEsConfig.defaults().withSeed(2));
    study.optimize(t -> {
      double[] x = x(t, 5, -5, 10);
      double s = 0;
      for (int i = 0; i < 4; i++) {
        s += 100 * Math.pow(x[i + 1] - x[i] * x[i], 2) + Math.pow(1 - x[i], 2);
      }
      return s;
    }, 3000);
    assertThat(study.bestValue()).isLessThan(1e-3);
  }

  @Test
  void marginKeepsIntegerSearchMovingOntoTheOptimum() {
    // a 4-D integer quadratic whose optimum (3, -7, 12, 0) is off-centre; without a margin the
    // distribution collapses onto one grid value per coordinate and can stall short of it. Every
    // seed finds the integer optimum; the float coordinate converges on most (18 of seeds 0-19
    // within 1e-3 of the best value), not on every one, so it is not asserted here
    int[] target = {3, -7, 12, 0};
    for (int seed = 0; seed < 5; seed++) {
      Study study = study(CmaEsConfig.defaults().withSeed(seed).withRestarts(false));
      study.optimize(t -> {
        double s = 0;
        for (int i = 0; i < 4; i++) {
          int v = t.suggestInt("k" + i, -20, 20);
          s += (i + 1) * (v - target[i]) * (v - target[i]);
        }
        s += Math.pow(t.suggestFloat("x", -1, 1) - 0.25, 2);
        return s;
      }, 400);
      FrozenTrial best = study.bestTrial();
      for (int i = 0; i < 4; i++) {
        assertThat(best.param("k" + i)).as("seed %d, k%d", seed, i).isEqualTo(target[i]);
      }
    }
  }

  /**
   * An enqueued trial's value is credited to the point it was evaluated at: the known optimum
   * enqueued in the first generation pulls the mean towards it (before: its value was told for the
   * random point CMA-ES had proposed, and the mean went to (0.56, 0.38)).
   */
  @Test
  void anEnqueuedTrialTeachesWhereItWasEvaluated() {
    Study study = study(CmaEsConfig.defaults().withSeed(1).withPopsize(4));
    study.enqueueTrial(java.util.Map.of("x", 0.2, "y", 0.2));
    study.enqueueTrial(java.util.Map.of("x", 0.9, "y", 0.9));
    study.optimize(t -> {
      double x = t.suggestFloat("x", 0, 1);
      double y = t.suggestFloat("y", 0, 1);
      return (x - 0.9) * (x - 0.9) + (y - 0.9) * (y - 0.9);
    }, 6);
    java.util.Map<?, ?> state = study.trials().stream()
        .filter(t -> t.systemAttrs().containsKey(CmaEsSampler.STATE))
        .map(t -> (java.util.Map<?, ?>) t.systemAttrs().get(CmaEsSampler.STATE))
        .findFirst().orElseThrow();
    List<?> mean = (List<?>) ((java.util.Map<?, ?>) state.get("cma")).get("mean");
    double dx = ((Number) mean.get(0)).doubleValue() - 0.9;
    double dy = ((Number) mean.get(1)).doubleValue() - 0.9;
    assertThat(Math.hypot(dx, dy)).isLessThan(0.4);
  }

  @Test
  void restartsWithALargerPopulationOnceConverged() {
    Study study = study(CmaEsConfig.defaults().withSeed(3));
    study.optimize(t -> {
      double[] x = x(t, 2, -1, 1);
      return x[0] * x[0] + x[1] * x[1];
    }, 1200);
    List<FrozenTrial> trials = study.trials(TrialState.COMPLETE);
    int maxRestart = trials.stream()
        .mapToInt(t -> ((Number) t.systemAttrs().getOrDefault(CmaEsSampler.RESTART, 0)).intValue())
        .max().orElse(0);
    assertThat(maxRestart).isGreaterThanOrEqualTo(1);
    java.util.Map<?, ?> state = trials.stream()
        .filter(t -> t.systemAttrs().containsKey(CmaEsSampler.STATE))
        .map(t -> (java.util.Map<?, ?>) t.systemAttrs().get(CmaEsSampler.STATE))
        .filter(s -> ((Number) s.get("restart")).intValue() == 1).findFirst().orElseThrow();
    assertThat(((Number) ((java.util.Map<?, ?>) state.get("cma")).get("popsize")).intValue())
        .isEqualTo(2 * CmaEs.defaultPopsize(2));
  }

  @Test
  void stateSurvivesAJsonRoundTrip() {
    CmaEs cma = CmaEs.start(new double[] {0.5, 0.5, 0.5}, 0.2, 0, new int[] {0, 5, 0});
    SplittableRandom rng = new SplittableRandom(1);
    for (int gen = 0; gen < 3; gen++) {
      List<CmaEs.Solution> solutions = new java.util.ArrayList<>();
      for (int k = 0; k < cma.popsize(); k++) {
        double[] x = cma.ask(rng).tell();
        solutions.add(new CmaEs.Solution(x, x[0] * x[0] + x[1] + x[2]));
      }
      cma = cma.tell(solutions);
    }
    CmaEs copy = CmaEs.fromJson(cma.toJson());
    assertThat(copy.generation()).isEqualTo(3);
    assertThat(copy.mean()).containsExactly(cma.mean());
    assertThat(copy.sigma()).isEqualTo(cma.sigma());
    // C is rebuilt from its eigendecomposition on construction, so samples agree to rounding
    double[] a = copy.ask(new SplittableRandom(9)).tell();
    double[] b = cma.ask(new SplittableRandom(9)).tell();
    for (int i = 0; i < a.length; i++) {
      assertThat(a[i]).isCloseTo(b[i], org.assertj.core.data.Offset.offset(1e-12));
    }
  }
}
