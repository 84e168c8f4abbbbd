package dev.jtune.nn.tuner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.nn.data.LabeledData;
import dev.jtune.study.StudyDirection;
import dev.jtune.terminator.ErrorEvaluator;
import dev.jtune.terminator.Terminator;
import dev.jtune.trial.TrialState;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TunerBuilder#terminator}: a search that ends before maxTrials, and the errors. */
class TunerTerminationTest {

  @TempDir Path dir;

  /**
   * A terminator ends the search before maxTrials, and a later search of the project, which it
   * finds done, trains nothing.
   */
  @Test
  void aTerminatedSearchEndsEarlyAndAResumedOneTrainsNothing() {
    LabeledData data = TunerTest.standardized(120, 5, 4);
    int trials;
    try (Tuner tuner = Tuner.builder().hyperModel(TunerTest.SMALL).maxTrials(40).seed(2)
        .terminator(Terminator.stagnation(2)).directory(dir).projectName("stop").build()) {
      tuner.search(data, 1, 0.25);
      trials = tuner.study().trials().size();
    }
    assertThat(trials).as("stopped by 3 trials in a row without a better value").isLessThan(40);
    try (Tuner again = Tuner.builder().hyperModel(TunerTest.SMALL).maxTrials(60).seed(2)
        .terminator(Terminator.stagnation(2)).directory(dir).projectName("stop").build()) {
      again.search(data, 1, 0.25);
      assertThat(again.study().trials()).hasSize(trials);
    }
  }

  /** A terminator whose error reads scores the search does not store is refused at once. */
  @Test
  void aTerminatorWithoutTheScoresItReadsIsRefused() {
    LabeledData data = TunerTest.standardized(120, 5, 4);
    try (Tuner holdout = Tuner.builder().hyperModel(TunerTest.SMALL).maxTrials(2)
        .terminator(Terminator.crossValidated()).directory(dir).projectName("h").build()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> holdout.search(data, 1, 0.25))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("searchCrossValidated");
      assertThat(holdout.study().trials()).isEmpty();
    }
    try (Tuner once = Tuner.builder().hyperModel(TunerTest.SMALL).maxTrials(2)
        .terminator(Terminator.acrossExecutions()).directory(dir).projectName("o").build()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> once.search(data, 1, 0.25))
          .hasMessageContaining("executionsPerTrial is 1");
    }
  }

  /** Folds and executions leave the scores their error evaluators read on every trial. */
  @Test
  void foldsAndExecutionsLeaveWhatTheirErrorsRead() {
    LabeledData data = TunerTest.standardized(160, 5, 4);
    try (Tuner tuner = Tuner.builder().hyperModel(TunerTest.SMALL).maxTrials(2).seed(1)
        .terminator(Terminator.crossValidated()).directory(dir).projectName("cv").build()) {
      tuner.searchCrossValidated(data, 3, 1);
      assertThat(ErrorEvaluator.crossValidation().evaluate(tuner.study().trials(),
          StudyDirection.MAXIMIZE)).isFinite().isNotNegative();
    }
    try (Tuner tuner = Tuner.builder().hyperModel(TunerTest.SMALL).maxTrials(2).seed(1)
        .executionsPerTrial(2).terminator(Terminator.acrossExecutions()).directory(dir)
        .projectName("seeds").build()) {
      tuner.search(data, 1, 0.25);
      assertThat(tuner.study().trials(TrialState.COMPLETE)).hasSize(2);
      assertThat(ErrorEvaluator.executions().evaluate(tuner.study().trials(),
          StudyDirection.MAXIMIZE)).isFinite().isNotNegative();
    }
  }
}
