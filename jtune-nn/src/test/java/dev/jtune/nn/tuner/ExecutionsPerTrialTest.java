package dev.jtune.nn.tuner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.data.Split;
import dev.jtune.nn.train.Metric;
import dev.jtune.nn.train.TrainedNetwork;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TunerBuilder#executionsPerTrial} through the facade. */
class ExecutionsPerTrialTest {

  @TempDir Path dir;

  /**
   * Two networks per trial: the trial's value is their mean, and the best model is the better
   * one, which scores its execution's value on the validation rows.
   */
  @Test
  void eachTrialAveragesItsExecutionsAndTheBestModelIsTheBestExecution() {
    LabeledData data = TunerTest.standardized(200, 6, 5);
    try (Tuner tuner = Tuner.builder().hyperModel(TunerTest.SMALL).maxTrials(2)
        .executionsPerTrial(2).directory(dir).projectName("twice").seed(1).build()) {
      tuner.search(data, 2, 0.25);
      List<FrozenTrial> done = tuner.study().trials(TrialState.COMPLETE);
      assertThat(done).hasSize(2);
      for (FrozenTrial t : done) {
        List<Double> values = ((List<?>) t.userAttrs().get("execution_values")).stream()
            .map(v -> ((Number) v).doubleValue()).toList();
        assertThat(values).hasSize(2);
        assertThat(t.value()).isCloseTo((values.get(0) + values.get(1)) / 2,
            org.assertj.core.data.Offset.offset(1e-12));
        assertThat(t.intermediateValues()).containsOnlyKeys(1, 2, 3, 4);
      }
      FrozenTrial best = tuner.bestTrials(1).get(0);
      double bestExecution = ((List<?>) best.userAttrs().get("execution_values")).stream()
          .mapToDouble(v -> ((Number) v).doubleValue()).max().orElseThrow();
      Split split = Split.lastFraction(data, 0.25);
      try (TrainedNetwork net = tuner.bestModels(1).get(0)) {
        assertThat(net.evaluate(split.held()).get(Metric.ACCURACY)).isCloseTo(bestExecution,
            org.assertj.core.data.Offset.offset(1e-6));
      }
    }
  }

  /** The steps a trial reports are epochs × executions: Hyperband is held to them. */
  @Test
  void aPrunersResourceCountsEveryExecutionAndPopulationsRefuseThem() {
    LabeledData data = TunerTest.standardized(120, 5, 4);
    try (Tuner tuner = Tuner.hyperband(3).hyperModel(TunerTest.SMALL).maxTrials(1)
        .executionsPerTrial(2).directory(dir).projectName("short").build()) {
      assertThatThrownBy(() -> tuner.search(data, 3, 0.2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("reports 6 steps per trial")
          .hasMessageContaining("epochs x executionsPerTrial = 3");
    }
    try (Tuner tuner = Tuner.hyperband(6).hyperModel(TunerTest.SMALL).maxTrials(2)
        .executionsPerTrial(2).directory(dir).projectName("fits").build()) {
      tuner.search(data, 3, 0.2);
      assertThat(tuner.study().trials(TrialState.COMPLETE, TrialState.PRUNED)).hasSize(2);
    }
    try (Tuner tuner = Tuner.populationBasedTraining(2).hyperModel(TunerTest.SMALL).maxTrials(2)
        .executionsPerTrial(3).directory(dir).projectName("pbt").build()) {
      assertThatThrownBy(() -> tuner.search(data, 1, 0.2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("executionsPerTrial=3");
    }
    assertThatThrownBy(() -> Tuner.builder().executionsPerTrial(0))
        .hasMessageContaining("executionsPerTrial=0");
  }
}
