package dev.jtune.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Several values per training trial: other metrics at the best epoch, and the network's size. */
class ScoreTest {
  private static final MlpHyperModel SMALL = MlpHyperModel.seedExample().withLayers(1, 2, 8, 16)
      .withOptimizers(OptimizerChoice.of(1e-2, 1e-1, "adam")).withBatchSizes(32);

  /** Weights and biases of 6 inputs through the trial's hidden layers to one logit. */
  private static long parameters(FrozenTrial t) {
    int layers = t.params().containsKey("n_layers") ? (Integer) t.param("n_layers") : 1;
    long n = 0;
    int in = 6;
    for (int i = 0; i < layers; i++) {
      int units = (Integer) t.param("units_l" + i);
      n += (long) in * units + units;
      in = units;
    }
    return n + in + 1;
  }

  @Test
  void aHoldoutTrialReturnsItsMetricThenTheOthersAtTheSameEpoch() {
    LabeledData all = SyntheticClassification.of(240, 6, 2, 8).generate();
    Split split = FitLoopTest.standardized(all);
    Study study = Study.builder().directions(StudyDirection.MAXIMIZE, StudyDirection.MINIMIZE,
        StudyDirection.MINIMIZE).sampler(new RandomSampler(2)).build();
    try (TrainingObjective objective = TrainingObjective.holdout(SMALL, split.train(),
        split.held(), 3, Metric.ACCURACY, 9).withScores(List.of(new Score.Parameters(),
        new Score.Validation(Metric.LOSS)))) {
      assertThat(objective.scores()).extracting(Score::label)
          .containsExactly("val_accuracy", "parameters", "val_loss");
      assertThat(objective.scores()).extracting(Score::direction).containsExactly(
          StudyDirection.MAXIMIZE, StudyDirection.MINIMIZE, StudyDirection.MINIMIZE);
      study.optimizeMulti(objective::evaluateScores, OptimizeOptions.trials(4).withRethrow(true));
    }
    for (FrozenTrial t : study.trials()) {
      @SuppressWarnings("unchecked")
      List<Number> curve = (List<Number>) t.userAttrs().get("val_accuracy");
      int best = ((Number) t.userAttrs().get("best_epoch")).intValue();
      assertThat(t.values().get(0)).isEqualTo(curve.get(best - 1).doubleValue());
      assertThat(t.values().get(1)).isEqualTo((double) parameters(t));
      assertThat(t.userAttrs().get("parameters")).isEqualTo(parameters(t));
      // a loss in (0, 10): read at the best epoch, the same network as the accuracy
      assertThat(t.values().get(2)).isStrictlyBetween(0.0, 10.0);
    }
  }

  @Test
  void crossValidatedScoresAreMeansOverTheFolds() {
    LabeledData all = SyntheticClassification.of(150, 6, 2, 4).generate();
    Study study = Study.builder().directions(StudyDirection.MAXIMIZE, StudyDirection.MINIMIZE)
        .sampler(new RandomSampler(5)).build();
    try (TrainingObjective objective = TrainingObjective.crossValidated(SMALL, all, 3, 2,
        Metric.ACCURACY, 1).withScores(List.of(new Score.Parameters()))) {
      study.optimizeMulti(objective::evaluateScores, OptimizeOptions.trials(2).withRethrow(true));
    }
    for (FrozenTrial t : study.trials()) {
      @SuppressWarnings("unchecked")
      List<Number> folds = (List<Number>) t.userAttrs().get("fold_values");
      assertThat(t.values().get(0)).isCloseTo(folds.stream().mapToDouble(Number::doubleValue)
          .average().orElseThrow(), org.assertj.core.data.Offset.offset(1e-12));
      // every fold builds the same network
      assertThat(t.values().get(1)).isEqualTo((double) parameters(t));
    }
  }

  @Test
  void scoresAreParsedAndBadOnesRefused() {
    assertThat(Score.parse("val_acc")).isEqualTo(new Score.Validation(Metric.ACCURACY));
    assertThat(Score.parse("Params")).isEqualTo(new Score.Parameters());
    assertThatThrownBy(() -> Score.parse("latency")).hasMessageContaining("unknown score "
        + "'latency'; known: val_loss, val_accuracy, val_auc, val_mse, val_mae, parameters");
    LabeledData all = SyntheticClassification.of(120, 6, 2, 8).generate();
    Split split = FitLoopTest.standardized(all);
    try (TrainingObjective objective = TrainingObjective.holdout(SMALL, split.train(),
        split.held(), 1, Metric.ACCURACY, 1)) {
      assertThatThrownBy(() -> objective.withScores(List.of(new Score.Validation(Metric.MSE))))
          .hasMessageContaining("score val_mse does not apply to a");
      assertThatThrownBy(() -> objective.withScores(List.of(new Score.Validation(
          Metric.ACCURACY)))).hasMessageContaining("score val_accuracy is named twice");
      assertThatThrownBy(() -> objective.withScores(List.of(new Score.Parameters(),
          new Score.Parameters()))).hasMessageContaining("score parameters is named twice");
    }
  }

  /** The secondary metric must be the best epoch's, not the last epoch's. */
  @Test
  void secondaryMetricIsReadAtTheBestEpoch() {
    LabeledData all = SyntheticClassification.of(240, 6, 2, 8).generate();
    Split split = FitLoopTest.standardized(all);
    Map<Integer, FitResult> fits = new ConcurrentHashMap<>();
    Study study = Study.builder().directions(StudyDirection.MAXIMIZE, StudyDirection.MINIMIZE)
        .sampler(new RandomSampler(2)).build();
    int differs = 0;
    try (TrainingObjective objective = TrainingObjective.holdout(SMALL, split.train(),
        split.held(), 8, Metric.ACCURACY, 9)
        .withWeightsSink((t, task, fit) -> fits.put(t.number(), fit))
        .withScores(List.of(new Score.Validation(Metric.LOSS)))) {
      study.optimizeMulti(objective::evaluateScores, OptimizeOptions.trials(6).withRethrow(true));
    }
    for (FrozenTrial t : study.trials()) {
      FitResult fit = fits.get(t.number());
      double atBest = fit.history().get(fit.bestEpoch() - 1).validation().get(Metric.LOSS);
      assertThat(t.values().get(1)).as("trial %d", t.number()).isEqualTo(atBest);
      if (fit.bestEpoch() < fit.history().size()) {
        differs++;
      }
    }
    assertThat(differs).as("some trial's best epoch is not its last").isPositive();
  }

  /** val_auc as a secondary score is not checked against one-class validation data. */
  @Test
  void aucAsSecondaryScoreIsRefusedOnOneClassValidation() {
    LabeledData all = SyntheticClassification.of(240, 6, 2, 8).generate();
    Split split = FitLoopTest.standardized(all);
    LabeledData held = split.held();
    int[] zeros = java.util.stream.IntStream.range(0, held.rows())
        .filter(i -> held.labels()[i] < 0.5f).toArray();
    LabeledData oneClass = held.rows(zeros);
    // the primary metric is refused here ...
    assertThatThrownBy(() -> TrainingObjective.holdout(SMALL, split.train(), oneClass, 2,
        Metric.AUC, 1)).hasMessageContaining("val_auc needs both classes");
    // ... and so should the same metric as a second score
    assertThatThrownBy(() -> TrainingObjective.holdout(SMALL, split.train(), oneClass, 2,
        Metric.ACCURACY, 1).withScores(List.of(new Score.Validation(Metric.AUC))))
        .hasMessageContaining("val_auc needs both classes");
  }

  /** A trial pruned after its first epoch keeps its network's size. */
  @Test
  void aPrunedTrialKeepsItsParameterCount() {
    LabeledData all = SyntheticClassification.of(120, 6, 2, 8).generate();
    Split split = FitLoopTest.standardized(all);
    Study study = Study.builder().directions(StudyDirection.MAXIMIZE, StudyDirection.MINIMIZE)
        .sampler(new RandomSampler(4)).pruner(dev.jtune.pruner.Pruner.threshold(
            dev.jtune.pruner.ThresholdConfig.atLeast(2.0)))
        .build();
    try (TrainingObjective objective = TrainingObjective.holdout(SMALL, split.train(),
        split.held(), 3, Metric.ACCURACY, 1).withScores(List.of(new Score.Parameters()))) {
      study.optimizeMulti(objective::evaluateScores, OptimizeOptions.trials(2));
    }
    assertThat(study.trials()).hasSize(2)
        .allMatch(t -> t.state() == dev.jtune.trial.TrialState.PRUNED)
        .allSatisfy(t -> assertThat(t.userAttrs().get("parameters")).isEqualTo(parameters(t)));
  }
}
