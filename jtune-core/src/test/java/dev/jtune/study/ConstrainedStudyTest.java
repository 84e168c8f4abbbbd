package dev.jtune.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.pruner.Pruner;
import dev.jtune.sampler.Constraints;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.sampler.tpe.TpeConfig;
import dev.jtune.sampler.tpe.TpeSampler;
import dev.jtune.storage.InMemoryStorage;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialPrunedException;
import dev.jtune.trial.TrialState;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Constraints given to a study: stored once per finished trial, and what counts as best. */
class ConstrainedStudyTest {

  /** Feasible where the objective's value is at least 3 (minimizing x heads for 0). */
  private static final Constraints VALUE_AT_LEAST_3 = t -> new double[] {3 - t.value()};

  @Test
  void eachCompleteAndPrunedTrialStoresItsConstraintsOnceAndAFailedOneNone() {
    AtomicInteger asked = new AtomicInteger();
    Study study = Study.builder().sampler(new RandomSampler(1)).constraints(t -> {
      asked.incrementAndGet();
      return new double[] {(double) t.param("x") - 5, t.state() == TrialState.PRUNED ? 1 : -1};
    }).build();
    study.optimize(t -> {
      double x = t.suggestFloat("x", 0, 10);
      if (t.number() == 1) {
        throw new TrialPrunedException("pruned by hand");
      }
      if (t.number() == 2) {
        throw new IllegalStateException("boom");
      }
      return x;
    }, 4);
    List<FrozenTrial> trials = study.trials();
    assertThat(asked.get()).isEqualTo(3);
    for (int i : new int[] {0, 1, 3}) {
      FrozenTrial t = trials.get(i);
      double[] c = t.constraintValues().orElseThrow();
      assertThat(c[0]).isEqualTo((double) t.param("x") - 5);
      // the function saw the trial's final state
      assertThat(c[1]).isEqualTo(i == 1 ? 1 : -1);
    }
    assertThat(trials.get(2).state()).isEqualTo(TrialState.FAIL);
    assertThat(trials.get(2).systemAttrs()).doesNotContainKey(FrozenTrial.CONSTRAINTS);
  }

  @Test
  void theBestTrialIsTheBestFeasibleOneAndLoadingTheStudyKeepsThat() {
    InMemoryStorage storage = new InMemoryStorage();
    Study study = Study.builder().name("c").storage(storage).sampler(new RandomSampler(2))
        .constraints(VALUE_AT_LEAST_3).build();
    study.optimize(t -> t.suggestFloat("x", 0, 10), 40);
    double unconstrained = study.trials(TrialState.COMPLETE).stream()
        .mapToDouble(FrozenTrial::value).min().orElseThrow();
    assertThat(unconstrained).isLessThan(3);
    FrozenTrial best = study.bestTrial();
    assertThat(best.value()).isGreaterThanOrEqualTo(3);
    assertThat(study.trials(TrialState.COMPLETE)).filteredOn(t -> t.value() >= 3)
        .allMatch(t -> t.value() >= best.value());
    // a study loaded without the function reads the stored values
    Study loaded = Study.load("c", storage);
    assertThat(loaded.constraints()).isNull();
    assertThat(loaded.bestTrial().number()).isEqualTo(best.number());
    assertThat(loaded.bestTrials()).extracting(FrozenTrial::number).containsExactly(best.number());
  }

  @Test
  void withNoFeasibleTrialThereIsNoBestTrialAndTheErrorSaysWhy() {
    Study study = Study.builder().name("none").sampler(new RandomSampler(3))
        .constraints(t -> new double[] {1}).build();
    study.optimize(t -> t.suggestFloat("x", 0, 1), 5);
    assertThat(study.findBestTrial()).isEmpty();
    assertThat(study.bestTrials()).isEmpty();
    assertThatThrownBy(study::bestTrial).isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("'none' has 5 COMPLETE trial(s), but none meets its constraints");
  }

  @Test
  void theParetoFrontOfAConstrainedStudyHoldsFeasibleTrialsOnly() {
    Study study = Study.builder().directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
        .sampler(new RandomSampler(4))
        .constraints(t -> new double[] {0.5 - t.values().get(0)}).build();
    study.optimizeMulti(t -> {
      double x = t.suggestFloat("x", 0, 1);
      return new double[] {x, 1 - x};
    }, OptimizeOptions.trials(30));
    List<FrozenTrial> front = study.bestTrials();
    assertThat(front).isNotEmpty().allMatch(t -> t.values().get(0) >= 0.5);
    // every feasible trial is on this front (x and 1 - x trade off exactly)
    assertThat(front).hasSameSizeAs(study.trials(TrialState.COMPLETE).stream()
        .filter(t -> t.values().get(0) >= 0.5).toList());
  }

  @Test
  void aFunctionThatThrowsStoresNullWithTheReasonAndTheTrialStaysComplete() {
    Study study = Study.builder().sampler(new RandomSampler(5))
        .constraints(t -> new double[] {(double) t.userAttrs().get("latency") - 1}).build();
    study.optimize(t -> t.suggestFloat("x", 0, 1), 2);
    FrozenTrial t = study.trials().get(0);
    assertThat(t.state()).isEqualTo(TrialState.COMPLETE);
    assertThat(t.systemAttrs()).containsEntry(FrozenTrial.CONSTRAINTS, null);
    assertThat((String) t.systemAttrs().get(FrozenTrial.CONSTRAINTS_PROBLEM))
        .contains("NullPointerException");
    assertThat(Feasibility.feasible(t)).isFalse();
    assertThat(Constraints.STORED.evaluate(t).problem()).contains("NullPointerException");
  }

  @Test
  void aSamplersConstraintsAreStoredWhenTheStudyHasNone() {
    TpeSampler tpe = new TpeSampler(TpeConfig.defaults().withSeed(6), VALUE_AT_LEAST_3);
    Study study = Study.builder().sampler(tpe).build();
    assertThat(study.constraints()).isSameAs(VALUE_AT_LEAST_3);
    study.optimize(t -> t.suggestFloat("x", 0, 10), 3);
    assertThat(study.trials()).allMatch(Feasibility::hasConstraints);
  }

  @Test
  void trialsFinishedBeforeTheStudyHadConstraintsCountAsInfeasibleForEveryReader() {
    // Optuna's rule: stored values decide. (A review found that asking the function for such
    // trials in bestTrial made one run print two best trials: its summary reads stored values.)
    InMemoryStorage storage = new InMemoryStorage();
    Study plain = Study.builder().name("s").storage(storage).sampler(new RandomSampler(1)).build();
    plain.optimize(t -> Math.pow(t.suggestFloat("x", -1, 1), 2), 10);
    Study resumed = Study.builder().name("s").storage(storage).loadIfExists(true)
        .sampler(new RandomSampler(2)).constraints(t -> new double[] {-1}).build();
    resumed.optimize(t -> Math.pow(t.suggestFloat("x", -1, 1), 2), 1);
    assertThat(resumed.bestTrial().number()).isEqualTo(10);
    assertThat(Study.load("s", storage).bestTrial().number()).isEqualTo(10);
    assertThat(StudySummary.format(resumed, 3)).contains("best trial:   #10");
  }

  @Test
  void theBestSeenOfAStudyWithoutConstraintsIsTheBestTrialOfAConstrainedStudy() {
    // (found by review) the "Best is trial N" log line: a trial run without constraints in a
    // constrained study is infeasible for findBestTrial, and so for the line
    InMemoryStorage storage = new InMemoryStorage();
    Study.builder().name("c").storage(storage).sampler(new RandomSampler(1))
        .constraints(t -> new double[] {-1}).build()
        .optimize(t -> 0.5 + t.suggestFloat("x", 0, 1), 5);
    Study plain = Study.builder().name("c").storage(storage).loadIfExists(true)
        .sampler(new RandomSampler(2)).build();
    plain.bestSeen(plain.trials().get(0));
    plain.optimize(t -> t.suggestFloat("x", 0, 0.1), 1);
    FrozenTrial last = plain.trials().get(5);
    assertThat(plain.bestSeen(last).number()).isEqualTo(plain.bestTrial().number())
        .isNotEqualTo(5);
  }

  @Test
  void askAndTellStoreConstraintsForCompleteAndPrunedTrialsOnly() {
    Study s = Study.builder().sampler(new RandomSampler(1))
        .constraints(t -> new double[] {t.state() == TrialState.PRUNED ? 7 : -t.value()}).build();
    var a = s.ask();
    a.suggestFloat("x", 0, 1);
    FrozenTrial complete = s.tell(a, 2.0);
    var b = s.ask();
    b.report(0, 3.0);
    FrozenTrial pruned = s.tell(b, TrialState.PRUNED);
    FrozenTrial failed = s.tell(s.ask(), TrialState.FAIL);
    assertThat(complete.constraintValues()).hasValueSatisfying(v -> assertThat(v)
        .containsExactly(-2.0));
    assertThat(pruned.constraintValues()).hasValueSatisfying(v -> assertThat(v)
        .containsExactly(7.0));
    assertThat(failed.systemAttrs()).doesNotContainKey(FrozenTrial.CONSTRAINTS);
  }

  @Test
  void feasibilityOfUnconstrainedTrialsIsEveryTrial() {
    Study study = Study.builder().sampler(new RandomSampler(7)).pruner(Pruner.none()).build();
    study.optimize(t -> t.suggestFloat("x", 0, 1), 5);
    List<FrozenTrial> complete = study.trials(TrialState.COMPLETE);
    assertThat(Feasibility.constrained(complete)).isFalse();
    assertThat(Feasibility.filter(complete)).hasSize(5);
    assertThat(Feasibility.violation(new double[] {-1, 0.5, 2})).isEqualTo(2.5);
  }
}
