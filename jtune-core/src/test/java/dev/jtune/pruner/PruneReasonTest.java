package dev.jtune.pruner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialPrunedException;
import dev.jtune.trial.TrialState;
import org.junit.jupiter.api.Test;

/** Reasons reach the trial, its value and the study's summary. */
class PruneReasonTest {

  @Test
  void theSummaryShowsTheLastPrunedTrialAndItsReason() {
    Study study = Curves.study(Pruner.threshold(ThresholdConfig.atMost(3)), StudyDirection.MINIMIZE);
    study.optimize(trial -> {
      double slope = trial.number() % 2 == 0 ? 1 : -1;
      double v = 0;
      for (int step = 0; step < 6; step++) {
        v = 1 + slope * step;
        trial.report(step, v);
        if (trial.shouldPrune()) {
          throw new TrialPrunedException();
        }
      }
      return v;
    }, 4);
    assertThat(study.trials(TrialState.PRUNED)).extracting(FrozenTrial::number).containsExactly(0, 2);
    FrozenTrial last = study.trials().get(2);
    assertThat(last.value()).isEqualTo(4.0);
    assertThat(last.intermediateValues()).containsOnlyKeys(0, 1, 2, 3);
    assertThat(study.summary(0)).contains(
        "last pruned:  #2 at step 3: value 4.0 at step 3 is above the upper bound 3.0\n");
  }
}
