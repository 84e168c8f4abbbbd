package dev.jtune.nn.tuner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.nn.data.LabeledData;
import dev.jtune.pruner.Pruner;
import dev.jtune.pruner.WilcoxonConfig;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Optuna's Wilcoxon pruner on a cross-validated search: each fold's score is reported at its
 * index, and a trial worse than the best on its first folds stops before its last ones.
 */
class WilcoxonTunerTest {
  @TempDir Path dir;

  @Test
  void aCrossValidatedSearchReportsFoldScoresAndStopsWorseTrialsEarly() {
    LabeledData data = TunerTest.standardized(300, 6, 4);
    try (Tuner tuner = Tuner.randomSearch().hyperModel(TunerTest.SMALL).maxTrials(12)
        .pruner(Pruner.wilcoxon(WilcoxonConfig.defaults().withPThreshold(0.2)))
        .directory(dir).projectName("w").seed(1).build()) {
      tuner.searchCrossValidated(data, 5, 2);
      List<FrozenTrial> trials = tuner.study().trials();
      assertThat(trials).hasSize(12).allMatch(t -> t.state() == TrialState.COMPLETE
          || t.state() == TrialState.PRUNED);
      for (FrozenTrial t : trials) {
        if (t.state() == TrialState.COMPLETE) {
          // one value per fold, at the fold's index, the fold's best epoch's accuracy
          assertThat(t.intermediateValues()).containsOnlyKeys(0, 1, 2, 3, 4);
          @SuppressWarnings("unchecked")
          List<Double> folds = (List<Double>) t.userAttrs().get("fold_values");
          for (int f = 0; f < 5; f++) {
            assertThat(t.intermediateValues().get(f)).isEqualTo(folds.get(f));
          }
        } else {
          // pruned after fold 3 or 4, never after the last
          assertThat(t.intermediateValues().size()).isBetween(3, 4);
          assertThat(t.systemAttrs().get(FrozenTrial.PRUNE_REASON)).asString()
              .contains("signed-rank p =");
        }
      }
      assertThat(tuner.study().trials(TrialState.PRUNED)).as("trials stopped early").isNotEmpty();
    }
  }

  @Test
  void aHoldoutSearchRefusesAPrunerThatComparesFolds() {
    LabeledData data = TunerTest.standardized(120, 5, 4);
    try (Tuner tuner = Tuner.randomSearch().hyperModel(TunerTest.SMALL).maxTrials(2)
        .pruner(Pruner.wilcoxon()).directory(dir).projectName("h").build()) {
      assertThatThrownBy(() -> tuner.search(data, 1, 0.2))
          .hasMessageContaining("compares trials fold by fold")
          .hasMessageContaining("searchCrossValidated");
    }
  }

  /**
   * A project's steps keep their meaning: one searched with a pruner of epochs refuses a pruner of
   * folds, and the reverse; the recorded length of its trials stays epochs x folds.
   */
  @Test
  void aProjectIsNotResumedWithTheOtherKindOfSteps() {
    LabeledData data = TunerTest.standardized(120, 5, 4);
    try (Tuner t = Tuner.randomSearch().hyperModel(TunerTest.SMALL).maxTrials(1)
        .pruner(Pruner.wilcoxon()).directory(dir).projectName("k").seed(1).build()) {
      t.searchCrossValidated(data, 3, 2);
      assertThat(((java.util.Map<?, ?>) t.study().userAttrs().get("jtune_nn_task"))
          .get("steps")).isEqualTo(6);
    }
    try (Tuner t = Tuner.randomSearch().hyperModel(TunerTest.SMALL).maxTrials(2)
        .pruner(Pruner.median()).directory(dir).projectName("k").seed(1).build()) {
      assertThatThrownBy(() -> t.searchCrossValidated(data, 3, 2))
          .hasMessageContaining("reported each fold's score")
          .hasMessageContaining("this search reports each epoch's value");
    }
    try (Tuner t = Tuner.randomSearch().hyperModel(TunerTest.SMALL).maxTrials(1)
        .pruner(Pruner.median()).directory(dir).projectName("e").seed(1).build()) {
      t.searchCrossValidated(data, 3, 2);
    }
    try (Tuner t = Tuner.randomSearch().hyperModel(TunerTest.SMALL).maxTrials(2)
        .pruner(Pruner.wilcoxon()).directory(dir).projectName("e").seed(1).build()) {
      assertThatThrownBy(() -> t.searchCrossValidated(data, 3, 2))
          .hasMessageContaining("reported each epoch's value");
    }
  }
}
