package dev.jtune.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.pruner.PruneDecision;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.storage.InMemoryStorage;
import dev.jtune.storage.TrialTemplate;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialPrunedException;
import dev.jtune.trial.TrialState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StudyTest {

  private static Study study(StudyDirection direction) {
    return Study.builder().name("s").direction(direction).sampler(new RandomSampler(5)).build();
  }

  private static double quadratic(Trial trial) {
    double x = trial.suggestFloat("x", -10, 10);
    int n = trial.suggestInt("n", 0, 5);
    return (x - 2) * (x - 2) + n;
  }

  @Test
  void findsTheBestTrialInEitherDirection() {
    Study min = study(StudyDirection.MINIMIZE);
    min.optimize(StudyTest::quadratic, 200);
    assertThat(min.trials()).hasSize(200);
    double best = min.trials().stream().mapToDouble(FrozenTrial::value).min().orElseThrow();
    assertThat(min.bestValue()).isEqualTo(best).isLessThan(1.0);
    assertThat(min.bestParams()).containsOnlyKeys("x", "n");
    assertThat(min.bestTrial().value()).isEqualTo(best);

    Study max = study(StudyDirection.MAXIMIZE);
    max.optimize(StudyTest::quadratic, 50);
    assertThat(max.bestValue())
        .isEqualTo(max.trials().stream().mapToDouble(FrozenTrial::value).max().orElseThrow());
  }

  @Test
  void bestTrialOfAnEmptyStudyIsAClearError() {
    Study s = study(StudyDirection.MINIMIZE);
    assertThat(s.findBestTrial()).isEmpty();
    assertThatThrownBy(s::bestTrial).isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("no COMPLETE trial");
  }

  @Test
  void runsTrialsOnSeveralThreads() {
    Study s = study(StudyDirection.MINIMIZE);
    List<String> threads = Collections.synchronizedList(new ArrayList<>());
    s.optimize(trial -> {
      threads.add(Thread.currentThread().getName());
      Thread.sleep(2);
      return quadratic(trial);
    }, 64, null, 4);
    assertThat(s.trials()).hasSize(64).allMatch(t -> t.state() == TrialState.COMPLETE);
    assertThat(s.trials()).extracting(FrozenTrial::number)
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 64).boxed().toList());
    assertThat(new HashSet<>(threads)).hasSizeGreaterThan(1);
  }

  @Test
  void timeoutStopsStartingTrialsAndLetsRunningOnesFinish() {
    Study s = study(StudyDirection.MINIMIZE);
    long start = System.nanoTime();
    s.optimize(trial -> {
      Thread.sleep(20);
      return quadratic(trial);
    }, OptimizeOptions.timeout(Duration.ofMillis(200)).withJobs(2));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(seconds).isLessThan(2.0);
    assertThat(s.trials()).hasSizeBetween(4, 40).allMatch(t -> t.state() == TrialState.COMPLETE);
  }

  @Test
  void throwingCallbackIsLoggedAndTheStudyGoesOn() {
    AtomicInteger calls = new AtomicInteger();
    Study s = Study.builder().callback((study, trial) -> {
      calls.incrementAndGet();
      throw new IllegalStateException("callback bug");
    }).build();
    s.optimize(StudyTest::quadratic, 5);
    assertThat(calls).hasValue(5);
    assertThat(s.trials(TrialState.COMPLETE)).hasSize(5);
  }

  @Test
  void callbackCanStopTheStudy() {
    Study s = Study.builder().callback((study, trial) -> {
      if (trial.number() == 2) {
        study.stop();
      }
    }).build();
    s.optimize(StudyTest::quadratic, 100);
    assertThat(s.trials()).hasSize(3);
    s.optimize(StudyTest::quadratic, 2);
    assertThat(s.trials()).hasSize(5);
  }

  /** An interrupt ends the run after the current trial and stays visible to the caller. */
  @Test
  void interruptingTheCallerStopsTheRunAndKeepsTheFlag() throws Exception {
    Study s = study(StudyDirection.MINIMIZE);
    Thread interrupter = OptimizeLoopTest.interruptThisThreadIn(250);
    try {
      assertThatThrownBy(() -> s.optimize(t -> {
        Thread.sleep(100);
        return quadratic(t);
      }, 20)).isInstanceOf(dev.jtune.JtuneException.class).hasMessageContaining("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
      interrupter.join();
    }
    assertThat(s.trials()).hasSizeLessThan(5);
    assertThat(s.trials().get(s.trials().size() - 1).state()).isEqualTo(TrialState.FAIL);
  }

  @Test
  void enqueuedTrialsRunFirstWithTheirFixedParameters() {
    Study s = study(StudyDirection.MINIMIZE);
    assertThat(s.enqueueTrial(Map.of("x", 2.0, "n", 0))).isZero();
    assertThat(s.enqueueTrial(Map.of("x", -1.5))).isEqualTo(1);
    assertThat(s.enqueueTrial(Map.of("x", 2.0, "n", 0), true)).isZero();
    s.optimize(StudyTest::quadratic, 4);
    List<FrozenTrial> trials = s.trials();
    assertThat(trials).hasSize(4);
    assertThat(trials.get(0).params()).containsEntry("x", 2.0).containsEntry("n", 0);
    assertThat(trials.get(0).value()).isZero();
    assertThat(trials.get(1).params()).containsEntry("x", -1.5);
    assertThat(s.bestTrial().number()).isZero();
  }

  @Test
  void askAndTellServeACustomLoop() {
    Study s = study(StudyDirection.MINIMIZE);
    for (int i = 0; i < 10; i++) {
      Trial trial = s.ask();
      double x = trial.suggestFloat("x", -1, 1);
      trial.setUserAttr("i", i);
      s.tell(trial, x * x);
    }
    Trial pruned = s.ask();
    pruned.report(0, 3.0);
    s.tell(pruned, TrialState.PRUNED);
    Trial failed = s.ask();
    FrozenTrial f = s.tell(failed, TrialState.FAIL);
    assertThat(s.trials(TrialState.COMPLETE)).hasSize(10);
    assertThat(s.trials(TrialState.PRUNED)).singleElement()
        .satisfies(t -> assertThat(t.values()).containsExactly(3.0));
    assertThat(f.state()).isEqualTo(TrialState.FAIL);
    assertThatThrownBy(() -> s.tell(failed, 1.0)).isInstanceOf(dev.jtune.trial.TrialFinishedException.class);
    Trial nan = s.ask();
    assertThat(s.tell(nan, Double.NaN).state()).isEqualTo(TrialState.FAIL);
    Study other = study(StudyDirection.MINIMIZE);
    Trial foreign = other.ask();
    assertThatThrownBy(() -> s.tell(foreign, 1.0)).hasMessageContaining("was not asked from study");
  }

  @Test
  void prunedTrialsKeepTheirLastValueAndTheReason() {
    Study s = Study.builder().pruner((view, trial) -> trial.lastStep().orElse(-1) >= 2
        ? PruneDecision.prune("step " + trial.lastStep().get() + " reached") : PruneDecision.keep())
        .build();
    s.optimize(trial -> {
      double x = trial.suggestFloat("x", 0, 1);
      for (int step = 0; step < 10; step++) {
        trial.report(step, x + step);
        if (trial.shouldPrune()) {
          throw new TrialPrunedException();
        }
      }
      return x;
    }, 3);
    assertThat(s.trials(TrialState.PRUNED)).hasSize(3).allSatisfy(t -> {
      assertThat(t.intermediateValues()).containsOnlyKeys(0, 1, 2);
      assertThat(t.value()).isEqualTo(t.intermediateValues().get(2));
      assertThat(t.systemAttrs()).containsEntry(FrozenTrial.PRUNE_REASON, "step 2 reached");
    });
  }

  @Test
  void thePruneReasonIsTheVerdictThatEndedTheTrial() {
    // the pruner says prune from step 2 on, except at step 5
    Study s = Study.builder().pruner((view, trial) -> {
      int step = trial.lastStep().orElse(-1);
      return step >= 2 && step != 5 ? PruneDecision.prune("step " + step + " reached")
          : PruneDecision.keep();
    }).build();
    s.optimize(trial -> {
      int mode = trial.number();
      for (int step = 0; step < 8; step++) {
        trial.report(step, step);
        trial.shouldPrune();                            // asked every step
        if (mode == 1 && step == 5) {
          throw new TrialPrunedException("diverged");   // own decision after a keep
        }
        if (mode == 2 && step == 6) {
          throw new TrialPrunedException("diverged");   // right after a prune verdict
        }
      }
      return 1.0;                                       // mode 0 ignores every verdict
    }, 3);
    List<FrozenTrial> trials = s.trials();
    assertThat(trials.get(0).state()).isEqualTo(TrialState.COMPLETE);
    assertThat(trials.get(0).systemAttrs()).doesNotContainKey(FrozenTrial.PRUNE_REASON);
    assertThat(trials.get(1).systemAttrs()).containsEntry(FrozenTrial.PRUNE_REASON, "diverged");
    assertThat(trials.get(2).systemAttrs())
        .containsEntry(FrozenTrial.PRUNE_REASON, "step 6 reached");
  }

  /** A second suggest with equal choices of another type gets its own objects back. */
  @Test
  void aRepeatedSuggestGetsItsOwnChoiceObjects() {
    Study s = study(StudyDirection.MINIMIZE);
    Trial trial = s.ask();
    Integer first = trial.suggestCategorical("k", List.of(1, 2));
    Long again = trial.suggestCategorical("k", List.of(1L, 2L));
    assertThat(again).isEqualTo(first.longValue());
  }

  /** A verdict followed by another report was ignored: the objective's own reason is stored. */
  @Test
  void aVerdictIgnoredBeforeAnotherReportLeavesNoReason() {
    Study s = Study.builder().pruner((view, trial) -> trial.lastStep().orElse(-1) == 1
        ? PruneDecision.prune("step 1 reached") : PruneDecision.keep()).build();
    s.optimize(trial -> {
      trial.report(1, 10.0);
      assertThat(trial.shouldPrune()).isTrue();          // ignored
      trial.report(2, 1.0);                               // and not asked again
      throw new TrialPrunedException("own reason at step 2");
    }, 1);
    assertThat(s.trials().get(0).systemAttrs())
        .containsEntry(FrozenTrial.PRUNE_REASON, "own reason at step 2");
  }

  /** Pruners that compare by one direction are refused by a multi-objective study at once. */
  @Test
  void aMultiObjectiveStudyRefusesAPrunerThatNeedsOneDirection() {
    for (dev.jtune.pruner.Pruner pruner : List.of(dev.jtune.pruner.Pruner.median(),
        dev.jtune.pruner.Pruner.successiveHalving(), dev.jtune.pruner.Pruner.hyperband(),
        dev.jtune.pruner.Pruner.patient(dev.jtune.pruner.PatientConfig.of(1)))) {
      assertThatThrownBy(() -> Study.builder().name("mo")
          .directions(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE).pruner(pruner).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("study 'mo' has 2 [MINIMIZE, MAXIMIZE]");
    }
    Study.builder().directions(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE)
        .pruner(dev.jtune.pruner.Pruner.threshold(dev.jtune.pruner.ThresholdConfig.atMost(1)))
        .build();
  }

  @Test
  void repeatedReportOfAStepIsIgnored() {
    Study s = study(StudyDirection.MINIMIZE);
    Trial trial = s.ask();
    trial.report(0, 1.0);
    trial.report(0, 2.0);
    assertThatThrownBy(() -> trial.report(-1, 1.0)).hasMessageContaining("step=-1");
    assertThat(s.tell(trial, 1.0).intermediateValues()).containsExactly(Map.entry(0, 1.0));
  }

  @Test
  void multiObjectiveStudiesStoreAllValuesAndReturnTheParetoFront() {
    Study s = Study.builder().directions(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE).build();
    double[][] points = {{1, 1}, {2, 3}, {3, 3}, {0.5, 0.5}, {2, 2.5}, {4, 5}};
    for (double[] p : points) {
      s.tell(s.ask(), p);
    }
    assertThat(s.trials()).allSatisfy(t -> assertThat(t.values()).hasSize(2));
    assertThat(s.bestTrials()).extracting(FrozenTrial::number).containsExactlyInAnyOrder(0, 1, 3, 5);
    assertThatThrownBy(s::bestTrial).hasMessageContaining("2 objectives");
    s.optimizeMulti(trial -> new double[] {trial.suggestFloat("a", 0, 1), 1.0},
        OptimizeOptions.trials(3));
    assertThat(s.trials()).hasSize(9);
  }

  @Test
  void reopeningAStudyContinuesItsNumberingAndKeepsItsTrials() {
    InMemoryStorage storage = new InMemoryStorage();
    Study first = Study.builder().name("resume").storage(storage).build();
    first.optimize(StudyTest::quadratic, 5);
    first.setUserAttr("owner", "me");
    first.enqueueTrial(Map.of("x", 0.0));
    Study second = Study.builder().name("resume").storage(storage).loadIfExists(true).build();
    assertThat(second.trials()).hasSize(6);
    second.optimize(StudyTest::quadratic, 3);
    assertThat(second.trials()).extracting(FrozenTrial::number)
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(second.trials().get(5).params()).containsEntry("x", 0.0);
    assertThat(Study.load("resume", storage).userAttrs()).containsEntry("owner", "me");
  }

  @Test
  void addedTrialsCountAsHistory() {
    Study s = study(StudyDirection.MINIMIZE);
    s.addTrial(new TrialTemplate(TrialState.COMPLETE, List.of(-5.0), Map.of(), Map.of(),
        new java.util.TreeMap<>(), Map.of("source", "paper"), Map.of()));
    s.optimize(StudyTest::quadratic, 3);
    assertThat(s.bestTrial().number()).isZero();
    assertThat(s.bestTrial().userAttrs()).containsEntry("source", "paper");
  }

  @Test
  void infiniteValuesAreKept() {
    Study s = study(StudyDirection.MINIMIZE);
    s.optimize(trial -> trial.number() == 0 ? Double.NEGATIVE_INFINITY : 1.0, 2);
    assertThat(s.bestValue()).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void conditionalParametersExistOnlyOnTheirBranch() {
    Study s = study(StudyDirection.MINIMIZE);
    s.optimize(trial -> {
      String optimizer = trial.suggestCategorical("optimizer", List.of("sgd", "adam"));
      if (optimizer.equals("sgd")) {
        return trial.suggestFloat("momentum", 0, 0.99);
      }
      return trial.suggestFloat("beta1", 0.8, 0.999);
    }, 40);
    assertThat(s.trials()).allSatisfy(t -> assertThat(t.params()).containsKey(
        "sgd".equals(t.param("optimizer")) ? "momentum" : "beta1").hasSize(2));
  }
}
