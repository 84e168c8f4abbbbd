package dev.jtune.terminator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.jtune.sampler.RandomSampler;
import dev.jtune.study.OptimizeOptions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import dev.jtune.sampler.tpe.TpeSampler;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Automatic termination: the regret bound, the errors, the verdicts and the callback. */
class TerminatorTest {

  /** A 5-fold cross-validated score of a smooth 2-D function with fold noise {@code sd}. */
  private static double folds(Trial t, double sd) {
    double x = t.suggestFloat("x", -2, 2);
    double y = t.suggestFloat("y", 1e-3, 1, true);
    double truth = -(x - 0.5) * (x - 0.5) - Math.pow(Math.log10(y) + 1, 2);
    SplittableRandom rng = new SplittableRandom(t.number());
    List<Double> scores = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      scores.add(truth + sd * rng.nextGaussian());
    }
    CrossValidationError.report(t, scores);
    return scores.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  @Test
  void theCrossValidationErrorIsTheCorrectedSpreadOfTheBestTrialsFolds() {
    Study study = Study.builder().direction(StudyDirection.MAXIMIZE).build();
    Trial worse = study.ask();
    CrossValidationError.report(worse, List.of(0.0, 0.5, 1.0));
    study.tell(worse, 0.5);
    Trial best = study.ask();
    CrossValidationError.report(best, List.of(0.8, 0.9, 1.0));
    study.tell(best, 0.9);
    // var = 0.02 / 3, scale 1/3 + 1/2
    assertThat(ErrorEvaluator.crossValidation().evaluate(study.trials(), study.direction()))
        .isCloseTo(Math.sqrt((1.0 / 3 + 0.5) * 0.02 / 3), within(1e-12));
    assertThatThrownBy(() -> CrossValidationError.report(study.ask(), List.of(1.0)))
        .hasMessageContaining("2 or more folds");
  }

  @Test
  void theExecutionsErrorIsTheStandardErrorOfTheBestTrialsMean() {
    Study study = Study.builder().direction(StudyDirection.MINIMIZE).build();
    Trial best = study.ask();
    ExecutionsError.report(best, List.of(1.0, 2.0, 3.0));
    study.tell(best, 2.0);
    Trial worse = study.ask();
    study.tell(worse, 5.0);   // no executions: not the best, never read
    // sample sd 1 over 3 runs
    assertThat(ErrorEvaluator.executions().evaluate(study.trials(), study.direction()))
        .isCloseTo(1 / Math.sqrt(3), within(1e-12));
    assertThatThrownBy(() -> ExecutionsError.report(study.ask(), List.of(1.0, Double.NaN)))
        .hasMessageContaining("NaN");
  }

  /** More trials near the optimum leave less room: the bound falls as the search converges. */
  @Test
  void theRegretBoundFallsAsTheSearchConverges() {
    Study study = Study.builder().direction(StudyDirection.MAXIMIZE)
        .sampler(new dev.jtune.sampler.gp.GpSampler(1)).build();
    study.optimize(t -> folds(t, 0.01), 20);
    double early = ImprovementEvaluator.regretBound().evaluate(study.trials(), study.direction());
    study.optimize(t -> folds(t, 0.01), 40);
    double late = ImprovementEvaluator.regretBound().evaluate(study.trials(), study.direction());
    assertThat(early).isPositive();
    // 0.22 after 20 trials, 0.007 after 60: near the folds' noise (0.01 each)
    assertThat(late).as("after 60 trials, against %s after 20", early).isPositive()
        .isLessThan(early / 10);
  }

  /**
   * Noisy folds stop the study early: once the room left is below the folds' spread; quieter
   * folds keep it going longer.
   */
  @Test
  void aNoisyObjectiveStopsBeforeItsBudgetAndAQuietOneLater() {
    int[] stopped = new int[2];
    double[] noise = {0.3, 0.003};
    for (int i = 0; i < 2; i++) {
      TerminatorCallback callback = new TerminatorCallback(Terminator.crossValidated());
      Study study = Study.builder().direction(StudyDirection.MAXIMIZE)
          .sampler(new TpeSampler(2)).callback(callback).build();
      double sd = noise[i];
      study.optimize(t -> folds(t, sd), 200);
      stopped[i] = study.trials().size();
      if (i == 0) {
        Terminator.Verdict v = callback.lastVerdict();
        assertThat(v.terminate()).isTrue();
        assertThat(v.improvement()).isLessThan(v.error());
        assertThat(stopped[0]).isBetween(Terminator.DEFAULT_MIN_TRIALS, 199);
      }
    }
    assertThat(stopped[1]).as("noise 0.003 against %s trials at 0.3", stopped[0])
        .isGreaterThan(stopped[0]);
  }

  /** Past 100 complete trials a study is judged once it has grown by 2%, not after each. */
  @Test
  void aLargeStudyIsJudgedLessOften() {
    int[] calls = {0};
    ImprovementEvaluator counting = (trials, direction) -> {
      calls[0]++;
      return 1;
    };
    Study study = Study.builder().direction(StudyDirection.MINIMIZE)
        .callback(new TerminatorCallback(new Terminator(counting, ErrorEvaluator.fixed(0), 1)))
        .build();
    study.optimize(t -> t.suggestFloat("x", 0, 1), 300);
    // every trial to 100, then every 2nd to 150, every 3rd to 200, ...: about 160 in all
    assertThat(calls[0]).isBetween(140, 180);
  }

  @Test
  void stagnationStopsAfterSoManyTrialsWithoutABetterValue() {
    TerminatorCallback callback = new TerminatorCallback(Terminator.stagnation(3));
    Study study = Study.builder().direction(StudyDirection.MINIMIZE).callback(callback).build();
    double[] values = {5, 4, 6, 3, 7, 8, 9, 10, 1};
    int[] next = {0};
    study.optimize(t -> values[next[0]++], values.length);
    // best 3 at the fourth trial; 7, 8, 9 are three stagnant trials, 10 the fourth: stop
    assertThat(study.trials()).hasSize(8);
    assertThat(callback.lastVerdict().improvement()).isEqualTo(-1);
  }

  /** Without fold scores the error cannot be judged: a clear message, and the study runs on. */
  @Test
  void aStudyWithoutFoldScoresIsNamedAndRunsToItsBudget() {
    Study study = Study.builder().direction(StudyDirection.MINIMIZE)
        .sampler(new RandomSampler(3))
        .callback(new TerminatorCallback(new Terminator(ImprovementEvaluator.regretBound(),
            ErrorEvaluator.crossValidation(), 5))).build();
    study.optimize(t -> t.suggestFloat("x", 0, 1), 12);
    assertThat(study.trials(TrialState.COMPLETE)).hasSize(12);
    assertThatThrownBy(() -> new Terminator(ImprovementEvaluator.regretBound(),
        ErrorEvaluator.crossValidation(), 5).judge(study.trials(), study.direction()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fold_values");
    Study two = Study.builder().directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
        .build();
    assertThatThrownBy(() -> Terminator.stagnation(2).shouldTerminate(two.view()))
        .hasMessageContaining("has 2");
    assertThatThrownBy(() -> ErrorEvaluator.fixed(-1)).hasMessageContaining("-1");
    assertThatThrownBy(() -> new Terminator(ImprovementEvaluator.regretBound(),
        ErrorEvaluator.fixed(0), 0)).hasMessageContaining("minTrials=0");
  }

  /**
   * With 2 workers the trial still running when the terminator stops the study finishes later,
   * with a new best: the verdict that stopped the study stands (judged again, it said "go on",
   * and the CLI's and the Tuner's rounds started again).
   */
  @Test
  void theVerdictThatStoppedTheStudyStandsWhenARunningTrialFinishesAfter()
      throws Exception {
    TerminatorCallback callback = new TerminatorCallback(Terminator.stagnation(1));
    CountDownLatch stopped = new CountDownLatch(1);
    Study study = Study.builder().direction(StudyDirection.MINIMIZE)
        .sampler(new RandomSampler(1)).callback(callback)
        .callback((s, t) -> {
          if (callback.lastVerdict() != null && callback.lastVerdict().terminate()) {
            stopped.countDown();
          }
        }).build();
    double[] values = {5, 6, -100, 7, 8, 9, 10, 11, 12, 13};
    study.optimize(t -> {
      if (t.number() == 2) {
        stopped.await(20, TimeUnit.SECONDS);   // still running when the study is stopped
      }
      return values[t.number()];
    }, OptimizeOptions.trials(10).withJobs(2)
        .withHistory(OptimizeOptions.ParallelHistory.LATEST));
    assertThat(stopped.getCount()).as("the terminator stopped the study").isZero();
    assertThat(study.trials()).hasSize(4);
    assertThat(callback.lastVerdict().terminate())
        .as("last verdict of the callback that stopped the study").isTrue();
  }

  /**
   * A constrained study: the terminator judges the feasible trials, as Study.bestTrial does, so
   * an infeasible trial with the best value does not make the feasible best look stagnant.
   */
  @Test
  void aConstrainedStudyIsJudgedByItsFeasibleTrials() {
    TerminatorCallback callback = new TerminatorCallback(Terminator.stagnation(3));
    double[] values = {0, 9, 8, 7, 6, 5, 4, 3, 2, 1};
    Study study = Study.builder().direction(StudyDirection.MINIMIZE)
        .constraints(t -> new double[] {t.number() == 0 ? 1 : -1})   // trial 0 infeasible
        .callback(callback).build();
    study.optimize(t -> values[t.number()], values.length);
    assertThat(study.trials()).as("the feasible best improved on every trial").hasSize(10);
  }

  /** Stagnation costs nothing: the 2% throttle of costly verdicts does not delay it. */
  @Test
  void stagnationIsNotDelayedByTheThrottleInALargeStudy() {
    Study study = Study.builder().direction(StudyDirection.MINIMIZE)
        .callback(new TerminatorCallback(Terminator.stagnation(5))).build();
    study.optimize(t -> {
      t.suggestFloat("x", 0, 1);
      return t.number() < 1000 ? -t.number() : 0.0;   // a new best each trial, then none
    }, 2000);
    // trial 999 is the best; 6 trials in a row without beating it exceed 5 allowed
    assertThat(study.trials()).hasSize(1006);
  }

  /**
   * The verdict that stopped one optimize call does not stop the next: its trials are judged
   * afresh (a new best goes on until stagnant again).
   */
  @Test
  void aStickyVerdictDoesNotOutliveTheRunItStopped() {
    Study study = Study.builder().direction(StudyDirection.MINIMIZE)
        .callback(new TerminatorCallback(Terminator.stagnation(3))).build();
    study.optimize(t -> {
      t.suggestFloat("x", 0, 1);
      return t.number() == 0 ? 1.0 : 2.0;
    }, 50);
    int first = study.trials().size();
    assertThat(first).isEqualTo(5);   // trial 0, then 4 without beating it
    // run again: the first new trial is a new best, so the study should run until stagnant again
    study.optimize(t -> {
      t.suggestFloat("x", 0, 1);
      return t.number() == first ? 0.0 : 2.0;
    }, 50);
    assertThat(new Terminator(new BestValueStagnation(3), ErrorEvaluator.fixed(0), 1)
        .judge(study.trials().subList(0, first + 1), StudyDirection.MINIMIZE).terminate())
        .as("a fresh verdict after the new best").isFalse();
    assertThat(study.trials()).hasSize(first + 5);
  }
}
