package dev.jtune.nn.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.data.Split;
import dev.jtune.nn.data.SyntheticClassification;
import dev.jtune.nn.model.MlpHyperModel;
import dev.jtune.nn.optim.OptimizerChoice;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.study.OptimizeOptions;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The study objective that trains networks: reports, user attributes, its native data's life. */
class TrainingObjectiveTest {

  private static final MlpHyperModel SMALL = MlpHyperModel.seedExample().withLayers(1, 2, 8, 16)
      .withOptimizers(OptimizerChoice.of(1e-2, 1e-1, "adam")).withBatchSizes(32);

  @Test
  void trialsRecordTheirCurveAndTheDataCanBeReleasedBetweenRuns() {
    LabeledData all = SyntheticClassification.of(240, 6, 2, 8).generate();
    Split split = FitLoopTest.standardized(all);
    Study study = Study.builder().direction(StudyDirection.MAXIMIZE)
        .sampler(new RandomSampler(1)).build();
    try (TrainingObjective objective = TrainingObjective.holdout(SMALL, split.train(),
        split.held(), 3, Metric.ACCURACY, 9)) {
      assertThat(objective.holdsNativeData()).isFalse();
      study.optimize(objective, OptimizeOptions.trials(2).withRethrow(true));
      assertThat(objective.holdsNativeData()).isTrue();
      objective.close();
      assertThat(objective.holdsNativeData()).isFalse();
      study.optimize(objective, OptimizeOptions.trials(1).withRethrow(true));   // copies again
      assertThat(objective.holdsNativeData()).isTrue();
    }
    List<FrozenTrial> done = study.trials(TrialState.COMPLETE);
    assertThat(done).hasSize(3);
    for (FrozenTrial t : done) {
      assertThat(t.intermediateValues()).containsOnlyKeys(1, 2, 3);
      assertThat(t.userAttrs().get("val_accuracy")).asList().hasSize(3);
      int bestEpoch = ((Number) t.userAttrs().get("best_epoch")).intValue();
      assertThat(t.value()).isEqualTo(t.intermediateValues().get(bestEpoch));
    }
  }
}
