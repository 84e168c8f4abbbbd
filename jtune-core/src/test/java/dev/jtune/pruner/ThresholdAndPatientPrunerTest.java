package dev.jtune.pruner;

import static dev.jtune.pruner.Curves.reportAndAsk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.Trial;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cases of Optuna's test_threshold.py and test_patient.py. */
class ThresholdAndPatientPrunerTest {

  @Test
  void thresholdBoundsAndNan() {
    Study study = Curves.study(Pruner.threshold(ThresholdConfig.between(0, 1)),
        StudyDirection.MINIMIZE);
    Trial inside = study.ask();
    assertThat(reportAndAsk(inside, 0, 0.5)).isFalse();
    Trial above = study.ask();
    assertThat(reportAndAsk(above, 0, 2)).isTrue();
    assertThat(Curves.prunedReason(study, above))
        .isEqualTo("value 2.0 at step 0 is above the upper bound 1.0");
    Trial below = study.ask();
    assertThat(reportAndAsk(below, 0, -1)).isTrue();
    Trial nan = study.ask();
    assertThat(reportAndAsk(nan, 0, Double.NaN)).isTrue();
    Study open = Curves.study(Pruner.threshold(ThresholdConfig.nanOnly()), StudyDirection.MINIMIZE);
    Trial infinite = open.ask();
    assertThat(reportAndAsk(infinite, 0, Double.POSITIVE_INFINITY)).isFalse();
    assertThat(reportAndAsk(infinite, 1, Double.NaN)).isTrue();
  }

  @Test
  void thresholdWarmupAndInterval() {
    Study study = Curves.study(Pruner.threshold(ThresholdConfig.atMost(1).withWarmupSteps(2)
        .withIntervalSteps(2)), StudyDirection.MINIMIZE);
    Trial trial = study.ask();
    List<Integer> pruned = new ArrayList<>();
    for (int step = 0; step < 7; step++) {
      trial.report(step, 5);
      if (study.pruner().prune(study.view(), study.trials().get(trial.number())).prune()) {
        pruned.add(step);
      }
    }
    assertThat(pruned).containsExactly(2, 4, 6);
  }

  @Test
  void patienceAsInOptuna() {
    assertPrunedSteps(0, 0, StudyDirection.MAXIMIZE, new double[] {1, 0}, 1);
    assertPrunedSteps(1, 0, StudyDirection.MAXIMIZE, new double[] {2, 1, 0}, 2);
    assertPrunedSteps(0, 0, StudyDirection.MINIMIZE, new double[] {0, 1}, 1);
    assertPrunedSteps(1, 0, StudyDirection.MINIMIZE, new double[] {0, 1, 2}, 2);
    assertPrunedSteps(0, 1.0, StudyDirection.MAXIMIZE, new double[] {1, 0});
    assertPrunedSteps(1, 1.0, StudyDirection.MAXIMIZE, new double[] {3, 2, 1, 0}, 3);
    assertPrunedSteps(0, 1.0, StudyDirection.MINIMIZE, new double[] {0, 1});
    assertPrunedSteps(1, 1.0, StudyDirection.MINIMIZE, new double[] {0, 1, 2, 3}, 3);
  }

  private static void assertPrunedSteps(int patience, double minDelta, StudyDirection direction,
      double[] values, Integer... expected) {
    Study study = Curves.study(Pruner.patient(new PatientConfig(patience, minDelta)), direction);
    Trial trial = study.ask();
    List<Integer> pruned = new ArrayList<>();
    for (int step = 0; step < values.length; step++) {
      if (reportAndAsk(trial, step, values[step])) {
        pruned.add(step);
      }
    }
    assertThat(pruned).as("patience %s, minDelta %s, %s, %s", patience, minDelta, direction,
        java.util.Arrays.toString(values)).containsExactly(expected);
  }

  @Test
  void patienceIgnoresNan() {
    Study study = Curves.study(Pruner.patient(PatientConfig.of(0)), StudyDirection.MINIMIZE);
    Trial trial = study.ask();
    assertThat(trial.shouldPrune()).isFalse();
    assertThat(reportAndAsk(trial, 0, Double.NaN)).isFalse();
    assertThat(reportAndAsk(trial, 1, 1.0)).isFalse();
    assertThat(reportAndAsk(trial, 2, Double.NaN)).isFalse();
  }

  /** The largest patience means "never": it once overflowed and failed every trial. */
  @Test
  void theLargestPatienceNeverPrunesAndNeverThrows() {
    Study study = Curves.study(Pruner.patient(PatientConfig.of(Integer.MAX_VALUE)),
        StudyDirection.MINIMIZE);
    Trial trial = study.ask();
    for (int step = 0; step < 5; step++) {
      assertThat(reportAndAsk(trial, step, 10 + step)).isFalse();
    }
  }

  @Test
  void patienceAsksTheWrappedPrunerOnlyWhenStagnating() {
    Study study = Curves.study(Pruner.patient(Pruner.threshold(ThresholdConfig.atMost(10)),
        PatientConfig.of(1)), StudyDirection.MINIMIZE);
    Trial trial = study.ask();
    assertThat(reportAndAsk(trial, 0, 20)).isFalse();
    assertThat(reportAndAsk(trial, 1, 19)).isFalse();
    assertThat(reportAndAsk(trial, 2, 18)).isFalse();
    assertThat(reportAndAsk(trial, 3, 18.5)).isFalse();
    assertThat(reportAndAsk(trial, 4, 18.5)).isTrue();
    assertThat(Curves.prunedReason(study, trial))
        .isEqualTo("step 4: best of the last 2 value(s) 18.5 vs best before 18.0 (minDelta 0.0):"
            + " worse by more than minDelta; then value 18.5 at step 4 is above the upper bound "
            + "10.0");
  }
}
