package dev.jtune.pruner;

import static dev.jtune.pruner.Curves.reportAndAsk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cases of Optuna's test_percentile.py and test_median.py, and the reasons. */
class PercentilePrunerTest {

  private static Pruner percentile(double p, int startup, int warmup, int interval) {
    return Pruner.percentile(new PercentileConfig(p, startup, warmup, interval, 1));
  }

  @Test
  void oneTrialIsNeverPruned() {
    Study study = Curves.study(Pruner.median(), StudyDirection.MINIMIZE);
    Trial trial = study.ask();
    assertThat(reportAndAsk(trial, 1, 1)).isFalse();
  }

  @Test
  void twentyFivePercentileMinimizeAndMaximize() {
    // Four complete trials with values 1, 2, 3, 4 at step 1: the 25th percentile is 1.75.
    Study min = Curves.study(percentile(25, 0, 0, 1), StudyDirection.MINIMIZE);
    for (int v = 1; v <= 4; v++) {
      Curves.complete(min, 0, v);
    }
    Trial trial = min.ask();
    trial.report(0, 0);
    assertThat(reportAndAsk(trial, 1, 1.7)).isFalse();
    Trial worse = min.ask();
    worse.report(0, 5);
    assertThat(reportAndAsk(worse, 1, 1.8)).isTrue();
    assertThat(Curves.prunedReason(min, worse))
        .isEqualTo("best value so far 1.8 vs the kept-25% percentile 1.75 of 4 complete trial(s)"
            + " at step 1 (minimize): worse");
    // For MAXIMIZE the 25% kept are the largest: the 75th percentile 3.25.
    Study max = Curves.study(percentile(25, 0, 0, 1), StudyDirection.MAXIMIZE);
    for (int v = 1; v <= 4; v++) {
      Curves.complete(max, 0, v);
    }
    Trial good = max.ask();
    good.report(0, 0);
    assertThat(reportAndAsk(good, 1, 3.3)).isFalse();
    Trial bad = max.ask();
    bad.report(0, 0);
    assertThat(reportAndAsk(bad, 1, 3.2)).isTrue();
  }

  @Test
  void theBestValueOverStepsIsCompared() {
    Study study = Curves.study(percentile(50, 0, 0, 1), StudyDirection.MINIMIZE);
    Curves.complete(study, 1, 1);
    Curves.complete(study, 2, 2);
    Trial trial = study.ask();
    trial.report(0, 0.5);
    // 3 at step 1 is worse than the median 1.5 there, but the best so far, 0.5, is not.
    assertThat(reportAndAsk(trial, 1, 3)).isFalse();
  }

  @Test
  void startupTrialsDelayPruning() {
    Study study = Curves.study(percentile(50, 2, 0, 1), StudyDirection.MINIMIZE);
    Curves.complete(study, 1.0);
    Trial trial = study.ask();
    assertThat(reportAndAsk(trial, 0, 10)).isFalse();
    assertThat(study.pruner().prune(study.view(), study.trials().get(trial.number())).reason())
        .isEqualTo("1 complete trial(s), pruning starts at 2");
    Curves.complete(study, 1.0);
    Trial next = study.ask();
    assertThat(reportAndAsk(next, 0, 10)).isTrue();
  }

  @Test
  void warmupAndIntervalStepsAsInOptuna() {
    // warm-up 2, interval 3: checks at the first report in [2, 5), [5, 8), ...
    Study study = Curves.study(percentile(50, 0, 2, 3), StudyDirection.MINIMIZE);
    double[] good = new double[12];
    Curves.complete(study, good);
    Trial trial = study.ask();
    List<Integer> checked = new ArrayList<>();
    for (int step : new int[] {0, 1, 2, 3, 4, 6, 7, 9, 11}) {
      trial.report(step, 1);
      FrozenTrial now = study.trials().get(trial.number());
      if (study.pruner().prune(study.view(), now).prune()) {
        checked.add(step);
      }
    }
    assertThat(checked).containsExactly(2, 6, 9, 11);
  }

  @Test
  void nanValues() {
    Study study = Curves.study(percentile(50, 0, 0, 1), StudyDirection.MINIMIZE);
    Curves.complete(study, 1, 1);
    Trial allNan = study.ask();
    assertThat(reportAndAsk(allNan, 0, Double.NaN)).isTrue();
    Trial later = study.ask();
    later.report(0, Double.NaN);
    assertThat(reportAndAsk(later, 1, 0.5)).isFalse();
    // Complete trials whose values at the step are NaN give no threshold: keep.
    Study nanStudy = Curves.study(percentile(50, 0, 0, 1), StudyDirection.MINIMIZE);
    Curves.complete(nanStudy, Double.NaN, 1);
    Trial t = nanStudy.ask();
    assertThat(reportAndAsk(t, 0, 100)).isFalse();
  }

  @Test
  void minTrialsAtTheStep() {
    Study study = Curves.study(Pruner.percentile(PercentileConfig.median().withStartupTrials(0)
        .withMinTrials(2)), StudyDirection.MINIMIZE);
    Curves.complete(study, 1, 1);
    Curves.complete(study, 1);
    Trial trial = study.ask();
    trial.report(0, 5);
    assertThat(reportAndAsk(trial, 1, 5)).isFalse();
    Trial other = study.ask();
    assertThat(reportAndAsk(other, 0, 5)).isTrue();
  }
}
