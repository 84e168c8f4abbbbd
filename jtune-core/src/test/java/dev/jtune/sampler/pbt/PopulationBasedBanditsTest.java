package dev.jtune.sampler.pbt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.sampler.pbt.PopulationBasedConfig.Exploration;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Population-based bandits: {@link PopulationBasedConfig.Exploration#BANDIT}. */
class PopulationBasedBanditsTest {
  private static final int INTERVALS = 20;

  private static Study study(int population, long seed, Exploration exploration) {
    return Study.builder().name("pb2").direction(StudyDirection.MINIMIZE)
        .sampler(new PopulationBasedSampler(PopulationBasedConfig.defaults()
            .withPopulationSize(population).withSeed(seed).withExploration(exploration)))
        .build();
  }

  private static double run(int population, long seed, Exploration exploration) {
    Study study = study(population, seed, exploration);
    study.optimize(new NoisyQuadratic(), population * INTERVALS);
    return study.bestValue();
  }

  /**
   * The paper's case: with 4 members random perturbation often misses the schedule (one lucky
   * member is all it has), the bandit seldom does. Seeds 0-9 (measured: PB2 better on 8, mean loss
   * 0.0073 against 0.0124).
   */
  @Test
  void beatsRandomPerturbationWithFourMembers() {
    double constant = NoisyQuadratic.bestConstantRate(INTERVALS * NoisyQuadratic.STEPS);
    int wins = 0;
    double[] bandit = new double[10];
    double[] perturb = new double[10];
    for (int seed = 0; seed < 10; seed++) {
      bandit[seed] = run(4, seed, Exploration.BANDIT);
      perturb[seed] = run(4, seed, Exploration.PERTURB);
      wins += bandit[seed] < perturb[seed] ? 1 : 0;
    }
    assertThat(wins).as("PB2 %s, PBT %s", Arrays.toString(bandit), Arrays.toString(perturb))
        .isGreaterThanOrEqualTo(7);
    assertThat(Arrays.stream(bandit).average().orElseThrow())
        .isLessThan(0.8 * Arrays.stream(perturb).average().orElseThrow());
    double[] sorted = bandit.clone();
    Arrays.sort(sorted);
    assertThat(sorted[5]).as("median against the best constant rate %s", constant)
        .isLessThan(0.8 * constant);
  }

  /**
   * Until two intervals after a parent have ended (trials 4 and 5 of the first 4 members' second
   * intervals, one at a time) there is nothing to model: PBT's step is taken.
   */
  @Test
  void untilTwoIntervalsHaveEndedItPerturbsAsPbtDoes() {
    Study bandit = study(4, 3, Exploration.BANDIT);
    bandit.optimize(new NoisyQuadratic(), 4 * 6);
    Study perturb = study(4, 3, Exploration.PERTURB);
    perturb.optimize(new NoisyQuadratic(), 4 * 6);
    for (int n = 0; n < 6; n++) {
      assertThat(bandit.trials().get(n).params()).isEqualTo(perturb.trials().get(n).params());
    }
    int differ = 0;
    for (int n = 6; n < 24; n++) {
      Segment s = Segment.of(bandit.trials().get(n).systemAttrs()).orElseThrow();
      if (s.exploited() && !bandit.trials().get(n).params()
          .equals(perturb.trials().get(n).params())) {
        differ++;
      }
    }
    assertThat(differ).isPositive();
  }

  /**
   * The same seed makes the same population on 4 threads however they interleave: the intervals
   * still running, which the bandit counts as taken, are those the reproducible history shows.
   */
  @Test
  void repeatsHoweverThreadsInterleave() {
    List<Study> runs = new ArrayList<>();
    for (boolean pauses : new boolean[] {true, false, true}) {
      Study study = study(6, 13, Exploration.BANDIT);
      study.optimize(new NoisyQuadratic().pausing(pauses), OptimizeOptions.trials(6 * 8).withJobs(4));
      runs.add(study);
    }
    for (Study run : runs.subList(1, 3)) {
      for (int n = 0; n < 6 * 8; n++) {
        FrozenTrial t = run.trials().get(n);
        FrozenTrial first = runs.get(0).trials().get(n);
        assertThat(t.systemAttrs().get(Segment.PARENT)).isEqualTo(
            first.systemAttrs().get(Segment.PARENT));
        assertThat(t.params()).as("trial %d", n).isEqualTo(first.params());
        assertThat(t.values()).isEqualTo(first.values());
      }
    }
  }

  /**
   * Four threads on LATEST history (no gate: running trials seen as they are, parameters half
   * suggested perhaps): every interval is trained once and the bandit's choices fail no trial.
   */
  @Test
  void latestHistoryOnFourThreadsTrainsEachIntervalOnce() {
    Study study = study(8, 3, Exploration.BANDIT);
    study.optimize(new NoisyQuadratic(), OptimizeOptions.trials(64).withJobs(4)
        .withHistory(OptimizeOptions.ParallelHistory.LATEST));
    assertThat(study.trials(dev.jtune.trial.TrialState.COMPLETE)).hasSize(64);
    java.util.Set<List<Integer>> intervals = new java.util.HashSet<>();
    for (FrozenTrial t : study.trials()) {
      Segment s = Segment.of(t.systemAttrs()).orElseThrow();
      assertThat(intervals.add(List.of(s.member(), s.index()))).as("trial %d", t.number())
          .isTrue();
    }
    assertThat(study.trials()).anyMatch(t -> Segment.of(t.systemAttrs()).orElseThrow()
        .exploited());
  }

  /**
   * Intervals that fail (a rate above 0.3 diverges here) count as the worst improvement seen, so
   * members stop being sent back there: 8 of 45 exploits after trial 20 go there (seeds 0-2);
   * dropped, as Ray drops them, 37 of 45 did, the model knowing nothing where training breaks.
   */
  @Test
  void failedIntervalsTeachTheBanditWhereTrainingBreaks() {
    int exploits = 0;
    int diverging = 0;
    for (int seed = 0; seed < 3; seed++) {
      Study study = study(4, seed, Exploration.BANDIT);
      NoisyQuadratic quadratic = new NoisyQuadratic();
      study.optimize(trial -> {
        if (trial.suggestFloat("lr", 1e-4, 1, true) > 0.3) {
          throw new IllegalStateException("diverged");
        }
        return quadratic.evaluate(trial);
      }, 4 * 20);
      for (FrozenTrial t : study.trials()) {
        if (t.number() >= 20 && Segment.of(t.systemAttrs()).orElseThrow().exploited()) {
          exploits++;
          diverging += (double) t.params().get("lr") > 0.3 ? 1 : 0;
        }
      }
    }
    assertThat(diverging).as("of %d exploits", exploits).isLessThan(exploits / 4);
  }

  /**
   * A conditional number (momentum for SGD alone) splits the history: a member copying an Adam
   * member is modelled on Adam's intervals, and every value stays in its range.
   */
  @Test
  void conditionalNumbersAreModelledApart() {
    Study study = study(4, 5, Exploration.BANDIT);
    NoisyQuadratic quadratic = new NoisyQuadratic();
    study.optimize(trial -> {
      String optimizer = trial.suggestCategorical("optimizer", List.of("sgd", "adam"));
      if (optimizer.equals("sgd")) {
        trial.suggestFloat("momentum", 0.5, 0.99);
      }
      return quadratic.evaluate(trial);
    }, 4 * 10);
    for (FrozenTrial t : study.trials()) {
      Segment s = Segment.of(t.systemAttrs()).orElseThrow();
      assertThat(t.params().containsKey("momentum"))
          .isEqualTo(t.params().get("optimizer").equals("sgd"));
      assertThat((double) t.param("lr")).isBetween(1e-4, 1.0);
      if (s.parent().isPresent()) {
        FrozenTrial parent = study.trials().get(s.parent().getAsInt());
        assertThat(t.param("optimizer")).isEqualTo(parent.param("optimizer"));
      }
    }
  }
}
