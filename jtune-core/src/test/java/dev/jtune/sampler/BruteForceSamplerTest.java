package dev.jtune.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialState;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Optuna's BruteForceSampler: exhaustive search of a space the objective defines as it runs. */
class BruteForceSamplerTest {

  /** Optuna's documentation example: 5 floats on one branch, 6 (a, b >= a) pairs on the other. */
  private static double objective(Trial trial) {
    String c = trial.suggestCategorical("c", List.of("float", "int"));
    if (c.equals("float")) {
      return trial.suggestFloat("x", 1, 3, 0.5);
    }
    int a = trial.suggestInt("a", 1, 3);
    int b = trial.suggestInt("b", a, 3);
    return a + b;
  }

  private static Study study(long seed) {
    return Study.builder().name("brute").direction(StudyDirection.MINIMIZE)
        .sampler(new BruteForceSampler(seed)).build();
  }

  private static Set<Map<String, Object>> combinations(Study study) {
    Set<Map<String, Object>> seen = new HashSet<>();
    for (FrozenTrial t : study.trials()) {
      assertThat(seen.add(t.params())).as("trial %d repeats %s", t.number(), t.params()).isTrue();
    }
    return seen;
  }

  @Test
  void triesEveryCombinationOfAConditionalSpaceOnceThenStops() {
    Study study = study(1);
    study.optimize(BruteForceSamplerTest::objective, 100);
    assertThat(study.trials()).hasSize(11).allMatch(t -> t.state() == TrialState.COMPLETE);
    assertThat(combinations(study)).contains(Map.of("c", "float", "x", 2.5),
        Map.of("c", "int", "a", 2, "b", 3), Map.of("c", "int", "a", 3, "b", 3));
    assertThat(study.bestValue()).isEqualTo(1.0);
  }

  /**
   * Four threads: every combination is tried before the study stops, and a seed makes the same
   * trials; trials that start while others run may repeat a combination (they cannot see what
   * those chose), as with Optuna's, and how many run past the last new one depends on timing.
   */
  @Test
  void fourThreadsTryEveryCombinationInTheSeedsOrder() {
    List<List<Map<String, Object>>> orders = new java.util.ArrayList<>();
    for (int run = 0; run < 2; run++) {
      Study study = study(7);
      study.optimize(BruteForceSamplerTest::objective, OptimizeOptions.trials(100).withJobs(4));
      assertThat(new HashSet<>(study.trials().stream().map(FrozenTrial::params).toList()))
          .hasSize(11);
      assertThat(study.trials()).hasSizeBetween(11, 11 + 3 * 4);
      orders.add(study.trials().stream().map(FrozenTrial::params).toList());
    }
    int common = Math.min(orders.get(0).size(), orders.get(1).size());
    assertThat(orders.get(1).subList(0, common)).isEqualTo(orders.get(0).subList(0, common));
    Study other = study(8);
    other.optimize(BruteForceSamplerTest::objective, 100);
    assertThat(other.trials().stream().map(FrozenTrial::params).toList())
        .isNotEqualTo(orders.get(0).subList(0, 11));
  }

  @Test
  void anInfiniteOrChangingSpaceFailsTheTrialNamingTheParameter() {
    Study study = study(2);
    study.optimize(trial -> trial.suggestFloat("lr", 1e-4, 1), 1);
    assertThat(study.trials().get(0).state()).isEqualTo(TrialState.FAIL);
    assertThat(study.trials().get(0).systemAttrs().get(FrozenTrial.FAIL_REASON)).asString()
        .contains("'lr'").contains("no step");
    Study changing = study(3);
    changing.optimize(trial -> trial.suggestInt("n", 1, trial.number() == 0 ? 2 : 3), 2);
    assertThat(changing.trials().get(1).state()).isEqualTo(TrialState.FAIL);
    assertThat(changing.trials().get(1).systemAttrs().get(FrozenTrial.FAIL_REASON)).asString()
        .contains("the space changed").contains("'n'");
  }

  /** A failed combination counts as tried: the search does not repeat it. */
  @Test
  void failedAndPrunedCombinationsAreNotTriedAgain() {
    Study study = study(4);
    study.optimize(trial -> {
      int n = trial.suggestInt("n", 0, 5);
      if (n % 2 == 0) {
        throw new IllegalStateException("even");
      }
      return n;
    }, 20);
    assertThat(study.trials()).hasSize(6);
    assertThat(study.trials(TrialState.FAIL)).hasSize(3);
  }

  /** Optuna's example with trial 0 failing right after its first parameter. */
  private static double failingFirst(Trial trial) {
    String c = trial.suggestCategorical("c", List.of("float", "int"));
    if (trial.number() == 0) {
      throw new IllegalStateException("transient failure after the first parameter");
    }
    return c.equals("float") ? trial.suggestFloat("x", 1, 3, 0.5)
        : objective(trial);
  }

  /**
   * A trial that failed after its first parameter counts as having tried everything below it
   * (it may have been the whole combination) until its retry goes further: then the branch is
   * searched as any other, and the study still ends once every combination is tried.
   */
  @Test
  void aRetryOfATrialThatFailedHalfwayOpensItsBranchAgain() {
    Study study = study(1);
    study.enqueueTrial(Map.of("c", "float"));
    study.enqueueTrial(Map.of("c", "float"));   // what RetryFailedTrialCallback enqueues
    study.optimize(BruteForceSamplerTest::failingFirst, 40);
    assertThat(study.trials(TrialState.FAIL)).hasSize(1);
    assertThat(new HashSet<>(study.trials(TrialState.COMPLETE).stream()
        .map(FrozenTrial::params).toList())).hasSize(11);
    assertThat(study.trials()).hasSize(12);
  }

  /**
   * Trials of another sampler (a continuous float) and enqueued values count where they lie on
   * the tree; off it they are left out, and optimize goes on (no exception outside a trial).
   */
  @Test
  void trialsOffTheTreeAreLeftOut() {
    dev.jtune.storage.InMemoryStorage storage = new dev.jtune.storage.InMemoryStorage();
    Study random = Study.builder().name("s").storage(storage).direction(StudyDirection.MINIMIZE)
        .sampler(new RandomSampler(1)).build();
    random.optimize(t -> t.suggestFloat("lr", 1e-4, 1, true), 3);
    Study brute = Study.builder().name("s").storage(storage).loadIfExists(true)
        .direction(StudyDirection.MINIMIZE).sampler(new BruteForceSampler(1)).build();
    brute.optimize(t -> t.suggestFloat("lr", 0.25, 1, 0.25), 10);
    assertThat(brute.trials()).hasSize(3 + 4);
    // a value FloatDistribution.contains accepts as on the grid counts as that grid point
    Study grid = study(6);
    grid.enqueueTrial(Map.of("x", 1000.000005));
    grid.optimize(t -> t.suggestFloat("x", 0, 2000, 1000), 10);
    assertThat(grid.trials()).hasSize(3);
  }

  /**
   * A trial left running by a dead process holds the last untried value: the trials meanwhile
   * take it too, instead of repeating tried ones at random, and the study then ends.
   */
  @Test
  void aTrialLeftRunningDoesNotMakeTheRestRandom() {
    Study study = study(4);
    study.addTrial(new dev.jtune.storage.TrialTemplate(TrialState.RUNNING, List.of(),
        Map.of("n", 5.0), Map.of("n", dev.jtune.space.IntDistribution.uniform(0, 99)),
        new java.util.TreeMap<>(), Map.of(), Map.of()));
    study.optimize(t -> t.suggestInt("n", 0, 99), 150);
    assertThat(study.trials(TrialState.COMPLETE)).hasSize(100);
    assertThat(new HashSet<>(study.trials(TrialState.COMPLETE).stream()
        .map(FrozenTrial::params).toList())).hasSize(100);
  }

  /** Hyperband shows model-based samplers one bracket; brute force still sees every trial. */
  @Test
  void hyperbandsBracketsDoNotSplitTheSearch() {
    Study study = Study.builder().name("hb").direction(StudyDirection.MINIMIZE)
        .sampler(new BruteForceSampler(3)).pruner(dev.jtune.pruner.Pruner.hyperband(
            dev.jtune.pruner.HyperbandConfig.of(1, 9))).build();
    study.optimize(t -> {
      int a = t.suggestInt("a", 0, 3);
      int b = t.suggestInt("b", 0, 3);
      for (int step = 1; step <= 9; step++) {
        t.report(step, a + b);
      }
      return a + b;
    }, 60);
    assertThat(study.trials().stream().map(FrozenTrial::params).toList())
        .doesNotHaveDuplicates().hasSize(16);
  }
}
