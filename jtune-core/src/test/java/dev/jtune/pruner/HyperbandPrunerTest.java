package dev.jtune.pruner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.sampler.Sampler;
import dev.jtune.sampler.cmaes.CmaEsSampler;
import dev.jtune.space.Distribution;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialPrunedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class HyperbandPrunerTest {

  @Test
  void aFixedMaximumResourceIsTheLastStepItsBracketsAssumeAndWrappersForwardIt() {
    assertThat(Pruner.hyperband(HyperbandConfig.of(1, 9)).maxResource()).hasValue(9);
    assertThat(Pruner.hyperband().maxResource()).isEmpty();   // automatic: any length
    assertThat(Pruner.patient(Pruner.hyperband(HyperbandConfig.of(1, 27)), PatientConfig.of(2))
        .maxResource()).hasValue(27);
    assertThat(Pruner.median().maxResource()).isEmpty();
    assertThat(Pruner.successiveHalving().maxResource()).isEmpty();
    assertThat(Pruner.successiveHalving(new SuccessiveHalvingConfig(OptionalInt.of(1),
        OptionalInt.of(8), 2, 0, 0)).maxResource()).hasValue(8);
  }


  @Test
  void eachBracketRunsSuccessiveHalvingWithItsOwnRateOverItsOwnTrials() {
    String name = "hyperband-known";
    HyperbandBrackets brackets = HyperbandBrackets.of(1, 100, 3);
    Study study = Study.builder().name(name).pruner(Pruner.hyperband(HyperbandConfig.of(1, 100)))
        .build();
    // Trials 2 and 4 are in bracket 0 (rungs end at 1, 3, 9, ...); trial 0 in bracket 1 (3, 9, ...).
    assertThat(brackets.bracketOf(name, 0)).isEqualTo(1);
    assertThat(brackets.bracketOf(name, 2)).isEqualTo(0);
    assertThat(brackets.bracketOf(name, 4)).isEqualTo(0);
    Trial t0 = study.ask();
    t0.report(1, 0.1);
    assertThat(t0.shouldPrune()).isFalse();
    t0.report(3, 0.1);
    assertThat(t0.shouldPrune()).isFalse();
    Trial t1 = study.ask();
    Trial t2 = study.ask();
    t2.report(1, 0.5);
    // Bracket 0 has only trial 2 at rung 0: promoted, though trial 0 (another bracket) is better.
    assertThat(t2.shouldPrune()).isFalse();
    Trial t3 = study.ask();
    Trial t4 = study.ask();
    t4.report(1, 0.9);
    assertThat(t4.shouldPrune()).isTrue();
    assertThat(Curves.prunedReason(study, t4).toString())
        .startsWith("bracket 0 of 5, rung 0 (ends at step 1), step 1: value 0.9 vs the best 1 of 2");
    assertThat(study.trials().get(0).systemAttrs()).containsKeys("completed_rung_0")
        .doesNotContainKey("completed_rung_1");
    study.tell(t1, 1.0);
    study.tell(t3, 1.0);
  }

  @Test
  void automaticMaxResourceWaitsForTheFirstCompleteTrial() {
    Study study = Study.builder().name("auto").pruner(Pruner.hyperband()).build();
    Trial first = study.ask();
    for (int step = 1; step <= 27; step++) {
      first.report(step, 100);
      assertThat(first.shouldPrune()).isFalse();
    }
    assertThat(study.pruner().samplerView(study.view(), study.trials().get(0)))
        .isSameAs(study.view());
    study.tell(first, 100);
    HyperbandPruner pruner = new HyperbandPruner(HyperbandConfig.defaults());
    assertThat(pruner.brackets(study.view())).contains(HyperbandBrackets.of(1, 27, 3));
    assertThat(pruner.brackets(study.view()).orElseThrow().count()).isEqualTo(4);
  }

  @Test
  void samplersSeeOnlyTheTrialsOfTheSameBracket() {
    Map<Integer, List<Integer>> seen = new ConcurrentHashMap<>();
    Sampler recording = new Sampler() {
      @Override
      public double sampleIndependent(StudyView view, FrozenTrial trial, String name,
          Distribution distribution) {
        List<Integer> numbers = new ArrayList<>();
        view.trials().forEach(t -> numbers.add(t.number()));
        seen.put(trial.number(), numbers);
        return distribution instanceof dev.jtune.space.FloatDistribution f ? f.low() : 0;
      }
    };
    HyperbandConfig config = new HyperbandConfig(1, OptionalInt.of(27), 3, 0);
    Study study = Study.builder().name("bohb").sampler(recording).pruner(Pruner.hyperband(config))
        .build();
    study.optimize(trial -> {
      double x = trial.suggestFloat("x", 0, 1);
      for (int step = 1; step <= 27; step++) {
        trial.report(step, x + 1.0 / step);
        if (trial.shouldPrune()) {
          throw new TrialPrunedException();
        }
      }
      return x;
    }, 30);
    HyperbandBrackets brackets = HyperbandBrackets.of(1, 27, 3);
    for (Map.Entry<Integer, List<Integer>> e : seen.entrySet()) {
      int bracket = brackets.bracketOf("bohb", e.getKey());
      assertThat(e.getValue()).as("trial %d in bracket %d", e.getKey(), bracket)
          .allMatch(n -> brackets.bracketOf("bohb", n) == bracket)
          .contains(e.getKey());
    }
    assertThat(Collections.max(seen.keySet())).isEqualTo(29);
  }

  @Test
  void samplersThatStoreStateWorkInsideABracket() {
    // CMA-ES keeps its generation in trial system attributes, written through the bracket's view
    Study study = Study.builder().name("cma-hb").sampler(new CmaEsSampler(3))
        .pruner(Pruner.hyperband(HyperbandConfig.of(1, 9))).build();
    study.optimize(trial -> {
      double x = trial.suggestFloat("x", -2, 2);
      double y = trial.suggestFloat("y", -2, 2);
      for (int step = 1; step <= 9; step++) {
        trial.report(step, x * x + y * y + 1.0 / step);
        if (trial.shouldPrune()) {
          throw new TrialPrunedException();
        }
      }
      return x * x + y * y;
    }, 40);
    assertThat(study.trials(dev.jtune.trial.TrialState.FAIL)).isEmpty();
    assertThat(study.trials()).anyMatch(t -> t.systemAttrs().containsKey(CmaEsSampler.X));
  }

  /**
   * A grid behind Hyperband with an enqueued trial visits every point once: samplers that do not
   * learn from history see the whole study, not one bracket (before: points skipped, others run
   * twice, and the last trial failed with "all handed out").
   */
  @Test
  void aGridBehindHyperbandVisitsEveryPointOnce() {
    dev.jtune.space.SearchSpace space = dev.jtune.space.SearchSpace.builder()
        .intRange("x", 0, 7).build();
    Study study = Study.builder().name("grid-hb")
        .sampler(dev.jtune.sampler.GridSampler.over(space))
        .pruner(Pruner.hyperband(HyperbandConfig.of(1, 9))).build();
    study.enqueueTrial(java.util.Map.of("x", 3));
    study.optimize(trial -> {
      int x = trial.suggestInt("x", 0, 7);
      for (int step = 1; step <= 9; step++) {
        trial.report(step, x + 1.0 / step);
        if (trial.shouldPrune()) {
          throw new TrialPrunedException();
        }
      }
      return x;
    }, 20);
    List<Integer> xs = study.trials().stream().filter(t -> t.state().isFinished()
        && t.state() != dev.jtune.trial.TrialState.FAIL).map(t -> (Integer) t.params().get("x"))
        .sorted().toList();
    assertThat(xs).containsExactly(0, 1, 2, 3, 3, 4, 5, 6, 7);   // the enqueued 3, then the grid
    assertThat(study.trials(dev.jtune.trial.TrialState.FAIL)).isEmpty();
  }
}
