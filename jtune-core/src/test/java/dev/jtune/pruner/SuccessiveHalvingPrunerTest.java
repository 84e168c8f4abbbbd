package dev.jtune.pruner;

import static dev.jtune.pruner.Curves.reportAndAsk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rung arithmetic and promotion, on the cases of Optuna's test_successive_halving.py. */
class SuccessiveHalvingPrunerTest {

  private static Pruner asha(int minResource, int eta, int rate) {
    return Pruner.successiveHalving(SuccessiveHalvingConfig.defaults().withMinResource(minResource)
        .withReductionFactor(eta).withMinEarlyStoppingRate(rate));
  }

  private static FrozenTrial stored(Study study, Trial trial) {
    return study.trials().get(trial.number());
  }

  @Test
  void rungEndsAreMinResourceTimesEtaToTheRatePlusRung() {
    assertThat(SuccessiveHalvingPruner.rungEnd(1, 2, 0, 0)).isEqualTo(1);
    assertThat(SuccessiveHalvingPruner.rungEnd(1, 2, 0, 3)).isEqualTo(8);
    assertThat(SuccessiveHalvingPruner.rungEnd(2, 3, 1, 0)).isEqualTo(6);
    assertThat(SuccessiveHalvingPruner.rungEnd(2, 3, 1, 2)).isEqualTo(54);
    assertThat(SuccessiveHalvingPruner.rungEnd(1, 4, 0, 40)).isEqualTo(Long.MAX_VALUE);
    assertThat(SuccessiveHalvingPruner.estimateMinResource(99)).isEqualTo(1);
    assertThat(SuccessiveHalvingPruner.estimateMinResource(250)).isEqualTo(2);
  }

  @Test
  void promotionKeepsTheBestOneInEta() {
    // 7 values, eta 2: floor(7/2) = 3 promoted, the bar is the 3rd best.
    List<Double> values = List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7);
    assertThat(SuccessiveHalvingPruner.promotionBar(values, 2, StudyDirection.MINIMIZE))
        .isEqualTo(0.3);
    assertThat(SuccessiveHalvingPruner.promotionBar(values, 2, StudyDirection.MAXIMIZE))
        .isEqualTo(0.5);
    // Fewer than eta values: only the best is promoted.
    assertThat(SuccessiveHalvingPruner.promotionBar(List.of(0.4, 0.2), 3, StudyDirection.MINIMIZE))
        .isEqualTo(0.2);
  }

  @Test
  void aSecondTrialWorseThanTheFirstIsPrunedAtTheFirstRung() {
    for (StudyDirection direction : StudyDirection.values()) {
      Study study = Curves.study(asha(1, 2, 0), direction);
      Trial first = study.ask();
      assertThat(reportAndAsk(first, 1, 1)).isFalse();
      Trial second = study.ask();
      assertThat(second.shouldPrune()).isFalse();
      double worse = direction == StudyDirection.MINIMIZE ? 2 : 0.5;
      assertThat(reportAndAsk(second, 1, worse)).isTrue();
      assertThat(study.tell(second, TrialState.PRUNED).systemAttrs())
          .containsEntry("completed_rung_0", worse)
          .containsEntry(FrozenTrial.PRUNE_REASON, "rung 0 (ends at step 1), step 1: value "
              + worse + " vs the best 1 of 2 value(s) recorded at this rung (1/2; promotion needs "
              + (direction == StudyDirection.MINIMIZE ? "<= 1.0" : ">= 1.0") + ")");
    }
  }

  @Test
  void rungCheckAsInOptuna() {
    Study study = Curves.study(asha(1, 2, 0), StudyDirection.MINIMIZE);
    for (int i = 0; i < 7; i++) {
      reportAndAsk(study.ask(), 7, 0.1 * (i + 1));
    }
    Trial seventhFromBottom = study.ask();
    assertThat(reportAndAsk(seventhFromBottom, 7, 0.75)).isTrue();
    assertThat(stored(study, seventhFromBottom).systemAttrs()).containsKey("completed_rung_0")
        .doesNotContainKey("completed_rung_1");
    Trial thirdFromBottom = study.ask();
    assertThat(reportAndAsk(thirdFromBottom, 7, 0.25)).isTrue();
    assertThat(stored(study, thirdFromBottom).systemAttrs()).containsKey("completed_rung_1")
        .doesNotContainKey("completed_rung_2");
    Trial lowest = study.ask();
    assertThat(reportAndAsk(lowest, 7, 0.05)).isFalse();
    assertThat(stored(study, lowest).systemAttrs()).containsKey("completed_rung_2")
        .doesNotContainKey("completed_rung_3");
  }

  @Test
  void theFirstTrialIsNeverPrunedAndCompletesRungsAtOneTwoFourEight() {
    Study study = Curves.study(asha(1, 2, 0), StudyDirection.MINIMIZE);
    Trial trial = study.ask();
    for (int step = 0; step < 10; step++) {
      assertThat(reportAndAsk(trial, step, 1)).isFalse();
    }
    assertThat(stored(study, trial).systemAttrs()).containsKeys("completed_rung_0",
        "completed_rung_1", "completed_rung_2", "completed_rung_3")
        .doesNotContainKey("completed_rung_4");
  }

  @Test
  void nanIsPrunedOnlyAtARungEnd() {
    Study study = Curves.study(asha(2, 2, 0), StudyDirection.MINIMIZE);
    Trial trial = study.ask();
    assertThat(reportAndAsk(trial, 1, Double.NaN)).isFalse();
    assertThat(reportAndAsk(trial, 2, Double.NaN)).isTrue();
    assertThat(Curves.prunedReason(study, trial))
        .isEqualTo("rung 0 (ends at step 2), step 2: value is NaN");
  }

  @Test
  void minResourceReductionFactorAndRateMoveTheRungs() {
    Study study = Curves.study(asha(2, 2, 0), StudyDirection.MINIMIZE);
    Trial trial = study.ask();
    reportAndAsk(trial, 1, 1);
    assertThat(stored(study, trial).systemAttrs()).doesNotContainKey("completed_rung_0");
    reportAndAsk(trial, 2, 1);
    assertThat(stored(study, trial).systemAttrs()).containsKey("completed_rung_0")
        .doesNotContainKey("completed_rung_1");

    study = Curves.study(asha(1, 3, 0), StudyDirection.MINIMIZE);
    trial = study.ask();
    reportAndAsk(trial, 1, 1);
    reportAndAsk(trial, 2, 1);
    assertThat(stored(study, trial).systemAttrs()).doesNotContainKey("completed_rung_1");
    reportAndAsk(trial, 3, 1);
    assertThat(stored(study, trial).systemAttrs()).containsKey("completed_rung_1");

    // rate 1, eta 2, r 1: rung 0 ends at step 2, rung 1 at 4.
    study = Curves.study(asha(1, 2, 1), StudyDirection.MINIMIZE);
    trial = study.ask();
    reportAndAsk(trial, 1, 1);
    assertThat(stored(study, trial).systemAttrs()).doesNotContainKey("completed_rung_0");
    reportAndAsk(trial, 2, 1);
    assertThat(stored(study, trial).systemAttrs()).containsKey("completed_rung_0");
    reportAndAsk(trial, 4, 1);
    assertThat(stored(study, trial).systemAttrs()).containsKey("completed_rung_1");
  }

  @Test
  void automaticMinResourceComesFromTheFirstCompleteTrial() {
    Study study = Curves.study(Pruner.successiveHalving(), StudyDirection.MINIMIZE);
    Trial running = study.ask();
    assertThat(reportAndAsk(running, 5, 100)).isFalse();
    assertThat(stored(study, running).systemAttrs()).doesNotContainKey("completed_rung_0");
    // A complete trial with 300 steps: min resource 299 / 100 = 2, rungs at 2, 8, 32, ...
    double[] curve = new double[300];
    java.util.Arrays.fill(curve, 1.0);
    Curves.complete(study, curve);
    Trial good = study.ask();
    assertThat(reportAndAsk(good, 2, 1)).isFalse();
    assertThat(stored(study, good).systemAttrs()).containsEntry("completed_rung_0", 1.0);
    Trial next = study.ask();
    assertThat(reportAndAsk(next, 1, 5)).isFalse();
    assertThat(reportAndAsk(next, 2, 5)).isTrue();
    assertThat(Curves.prunedReason(study, next).toString())
        .startsWith("rung 0 (ends at step 2), step 2: value 5.0 vs the best 1 of 2");
  }

  @Test
  void noRungJudgesAtOrPastTheMaximumResource() {
    Study study = Curves.study(Pruner.successiveHalving(SuccessiveHalvingConfig.defaults()
        .withMinResource(1).withReductionFactor(3).withMaxResource(9)), StudyDirection.MINIMIZE);
    Trial good = study.ask();
    for (int step = 1; step <= 9; step++) {
      assertThat(reportAndAsk(good, step, 0.1)).isFalse();
    }
    Trial worse = study.ask();
    for (int step = 1; step <= 9; step++) {
      // Equal to the best so far at rungs 1 and 3: promoted (ties promote); 9 is never judged.
      assertThat(reportAndAsk(worse, step, step < 9 ? 0.1 : 5.0)).isFalse();
    }
    assertThat(stored(study, worse).systemAttrs()).containsKeys("completed_rung_0",
        "completed_rung_1").doesNotContainKey("completed_rung_2");
    Study optunaLike = Curves.study(asha(1, 3, 0), StudyDirection.MINIMIZE);
    Trial first = optunaLike.ask();
    reportAndAsk(first, 9, 0.1);
    Trial second = optunaLike.ask();
    reportAndAsk(second, 3, 0.1);
    assertThat(reportAndAsk(second, 9, 5.0)).as("without a maximum, rung 2 judges step 9").isTrue();
  }

  @Test
  void bootstrapPrunesUntilEnoughValuesAreRecorded() {
    Study study = Curves.study(Pruner.successiveHalving(SuccessiveHalvingConfig.defaults()
        .withMinResource(1).withReductionFactor(2).withBootstrapCount(2)), StudyDirection.MINIMIZE);
    assertThat(reportAndAsk(study.ask(), 1, 0.1)).isTrue();
    assertThat(reportAndAsk(study.ask(), 1, 0.05)).isTrue();
    Trial third = study.ask();
    assertThat(reportAndAsk(third, 1, 0.01)).isFalse();
  }

  @Test
  void decisionsDoNotWriteAnything() {
    Study study = Curves.study(asha(1, 2, 0), StudyDirection.MINIMIZE);
    Trial trial = study.ask();
    trial.report(4, 1.0);
    FrozenTrial snapshot = stored(study, trial);
    PruneDecision first = study.pruner().prune(study.view(), snapshot);
    PruneDecision second = study.pruner().prune(study.view(), snapshot);
    assertThat(first).isEqualTo(second);
    assertThat(first.trialAttrs()).containsOnlyKeys("completed_rung_0", "completed_rung_1",
        "completed_rung_2");
    assertThat(stored(study, trial).systemAttrs()).isEmpty();
  }
}
