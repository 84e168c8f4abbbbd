package dev.jtune.sampler.tpe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.sampler.Constraints;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ConstrainedTpeTest {
  /** Feasible where x >= 0.6: unconstrained, minimizing x heads for 0. */
  private static final Constraints X_AT_LEAST = t -> new double[] {0.6 - (double) t.param("x")};

  private static long feasibleLate(Study study, Constraints c) {
    return study.trials().subList(40, 80).stream().filter(t -> c.of(t)[0] <= 0).count();
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 2})
  void oneObjectiveSteersToTheFeasibleOptimum(long seed) {
    long[] feasible = new long[2];
    double bestFeasible = 0;
    for (int constrained = 0; constrained < 2; constrained++) {
      Study study = Study.builder().direction(StudyDirection.MINIMIZE)
          .sampler(new TpeSampler(TpeConfig.defaults().withSeed(seed),
              constrained == 1 ? X_AT_LEAST : null)).build();
      study.optimize(t -> t.suggestFloat("x", 0, 1) + 0.1 * t.suggestFloat("y", 0, 1), 80);
      feasible[constrained] = feasibleLate(study, X_AT_LEAST);
      bestFeasible = study.trials().stream().filter(t -> X_AT_LEAST.of(t)[0] <= 0)
          .mapToDouble(t -> (double) t.param("x")).min().orElseThrow();
    }
    // the optimum lies on the boundary, so about half the draws near it miss: Optuna 3.1's TPE
    // with the same constraint keeps 25, 24 and 26 of these 40 feasible on seeds 0-2 (jtune 24,
    // 25, 24), and its best feasible x is 0.601-0.603
    assertThat(feasible[1]).as("feasible trials 40-79: constrained %d, unconstrained %d",
        feasible[1], feasible[0]).isGreaterThan(feasible[0] + 10).isGreaterThan(18);
    assertThat(bestFeasible).isLessThan(0.65);
  }

  @Test
  void severalObjectivesPreferFeasibleTrialsToo() {
    Constraints sum = t -> new double[] {1 - (double) t.param("x") - (double) t.param("y")};
    long[] feasible = new long[2];
    for (int constrained = 0; constrained < 2; constrained++) {
      Study study = Study.builder().directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
          .sampler(new TpeSampler(TpeConfig.defaults().withSeed(4),
              constrained == 1 ? sum : null)).build();
      study.optimizeMulti(t -> new double[] {t.suggestFloat("x", 0, 1),
          t.suggestFloat("y", 0, 1)}, OptimizeOptions.trials(80));
      feasible[constrained] = feasibleLate(study, sum);
    }
    assertThat(feasible[1]).as("constrained %d, unconstrained %d", feasible[1], feasible[0])
        .isGreaterThan(feasible[0] + 10);
  }

  @Test
  void eachFinishedTrialsConstraintsAreAskedOnce() {
    java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
    Constraints counted = t -> {
      asked.incrementAndGet();
      return X_AT_LEAST.of(t);
    };
    Study study = Study.builder().direction(StudyDirection.MINIMIZE)
        .sampler(new TpeSampler(TpeConfig.defaults().withSeed(6), counted)).build();
    study.optimize(t -> t.suggestFloat("x", 0, 1), 60);
    assertThat(asked.get()).as("constraint evaluations for 60 trials").isLessThanOrEqualTo(60);
  }

  @Test
  void aTrialWhoseConstraintsCannotBeHadCountsAsInfeasibleAndTheStudyGoesOn() {
    Constraints latency = t -> new double[] {(double) t.userAttrs().get("lat") - 1};
    Study study = Study.builder().direction(StudyDirection.MINIMIZE)
        .sampler(new TpeSampler(TpeConfig.defaults().withSeed(5).withStartupTrials(3),
            latency)).build();
    study.optimize(t -> {
      double x = t.suggestFloat("x", 0, 1);
      if (t.number() % 4 != 1) {
        t.setUserAttr("lat", 2 * x);
      }
      return x;
    }, 30);
    List<FrozenTrial> trials = study.trials();
    assertThat(trials).allMatch(t -> t.state() == TrialState.COMPLETE);
    assertThat(new Violations(latency, new java.util.HashSet<>(), new java.util.HashMap<>()).of(trials.get(1))).isInfinite();
    assertThat(new Violations(latency, new java.util.HashSet<>(), new java.util.HashMap<>()).of(trials.get(0)))
        .isEqualTo(Math.max(0, 2 * (double) trials.get(0).param("x") - 1));
  }
}
