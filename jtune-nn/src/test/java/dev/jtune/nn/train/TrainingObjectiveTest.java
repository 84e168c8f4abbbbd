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
import dev.jtune.trial.TrialState;
import java.util.List;
import java.util.Map;
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

  @Test
  void validationDataOfAnotherShapeOrClassCountIsRefusedBeforeAnyTrial() {
    Split split = FitLoopTest.standardized(SyntheticClassification.of(120, 6, 2, 8).generate());
    LabeledData wider = SyntheticClassification.of(40, 7, 2, 8).generate();
    assertThatThrownBy(() -> TrainingObjective.holdout(SMALL, split.train(), wider, 2,
        Metric.ACCURACY, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("validation samples have shape [7]")
        .hasMessageContaining("expects [6]");
    LabeledData three = new SyntheticClassification(40, 6, 3, 0, 0, 3, 2, 1.0, 0, 8).generate();
    assertThatThrownBy(() -> TrainingObjective.holdout(SMALL, split.train(), three, 2,
        Metric.ACCURACY, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("validation data has classes=3");
  }

  /** val_auc on validation rows of one class would score every epoch of every trial 0.5. */
  @Test
  void aucOnValidationDataOfOneClassIsRefused() {
    Split split = FitLoopTest.standardized(SyntheticClassification.of(120, 6, 2, 8).generate());
    LabeledData held = split.held();
    int[] ones = java.util.stream.IntStream.range(0, held.rows())
        .filter(i -> held.labels()[i] > 0.5f).toArray();
    assertThatThrownBy(() -> TrainingObjective.holdout(SMALL, split.train(), held.rows(ones), 2,
        Metric.AUC, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("validation data holds only class 1 (" + ones.length + " rows)")
        .hasMessageContaining("val_auc needs both classes");
    // accuracy on the same rows is still a score
    TrainingObjective.holdout(SMALL, split.train(), held.rows(ones), 2, Metric.ACCURACY, 1)
        .close();
    // a fold without the rare class (one row of class 1, three folds)
    float[] labels = new float[30];
    labels[7] = 1;
    LabeledData rare = LabeledData.table(new float[30 * 2], 2, labels, 2);
    assertThatThrownBy(() -> TrainingObjective.crossValidated(SMALL, rare, 3, 2, Metric.AUC, 1))
        .hasMessageContaining("the validation part of fold ").hasMessageContaining(" of 3 holds "
            + "only class 0");
  }

  @Test
  void theRefitTrainsForTheRoundedMeanOfTheFoldsBestEpochsElseTheBestEpoch() {
    assertThat(Refit.epochsOf(Map.of("fold_best_epochs", List.of(2, 3, 5)), 9)).isEqualTo(3);
    assertThat(Refit.epochsOf(Map.of("fold_best_epochs", List.of(1, 2)), 9)).isEqualTo(2);
    assertThat(Refit.epochsOf(Map.of("fold_best_epochs", List.of(1L, 1.0)), 9)).isEqualTo(1);
    assertThat(Refit.epochsOf(Map.of("fold_best_epochs", List.of(), "best_epoch", 4), 9))
        .isEqualTo(4);
    assertThat(Refit.epochsOf(Map.of("fold_best_epochs", List.of(7), "best_epoch", 4), 9))
        .isEqualTo(7);
    assertThat(Refit.epochsOf(Map.of(), 9)).isEqualTo(9);
    assertThat(Refit.epochsOf(Map.of("best_epoch", 0), 9)).isEqualTo(9);
    assertThat(Refit.epochsOf(Map.of(), 0)).isEqualTo(1);
  }

  /**
   * Keras Tuner's executions_per_trial: three networks from three seeds, the trial scored by their
   * mean, their epochs reported one after another, the best one's weights kept; the first
   * execution is the network a single execution trains.
   */
  @Test
  void severalExecutionsAreAveragedReportedInARowAndTheBestIsKept() {
    LabeledData all = SyntheticClassification.of(240, 6, 2, 8).generate();
    Split split = FitLoopTest.standardized(all);
    java.util.Map<Integer, FitResult> kept = new java.util.HashMap<>();
    Study once = Study.builder().direction(StudyDirection.MAXIMIZE)
        .sampler(new RandomSampler(2)).build();
    Study thrice = Study.builder().direction(StudyDirection.MAXIMIZE)
        .sampler(new RandomSampler(2)).build();
    try (TrainingObjective objective = TrainingObjective.holdout(SMALL, split.train(),
        split.held(), 2, Metric.LOSS, 9)) {
      once.optimize(objective, OptimizeOptions.trials(1).withRethrow(true));
      TrainingObjective three = objective.withExecutions(3)
          .withWeightsSink((trial, task, fit) -> kept.put(trial.number(), fit));
      assertThat(three.stepsPerTrial()).isEqualTo(6);
      thrice.optimize(three, OptimizeOptions.trials(1).withRethrow(true));
    }
    FrozenTrial single = once.trials().get(0);
    FrozenTrial t = thrice.trials().get(0);
    assertThat(t.params()).isEqualTo(single.params());
    assertThat(t.intermediateValues()).containsOnlyKeys(1, 2, 3, 4, 5, 6);
    List<Double> values = ((List<?>) t.userAttrs().get("execution_values")).stream()
        .map(v -> ((Number) v).doubleValue()).toList();
    assertThat(values).hasSize(3).doesNotHaveDuplicates();
    assertThat(values.get(0)).as("the first execution is the single one").isEqualTo(
        single.value());
    assertThat(t.value()).isCloseTo(values.stream().mapToDouble(v -> v).average().orElseThrow(),
        org.assertj.core.data.Offset.offset(1e-12));
    assertThat(kept.get(0).best().get(Metric.LOSS)).as("the best execution's network")
        .isEqualTo(values.stream().mapToDouble(v -> v).min().orElseThrow());
    // its seed retrains it (what jtune run's test of the best model does)
    try (TrainingObjective objective = TrainingObjective.holdout(SMALL, split.train(),
        split.held(), 2, Metric.LOSS, 9)) {
      dev.jtune.nn.model.FixedTrial fixed = new dev.jtune.nn.model.FixedTrial(t.params(),
          t.number());
      dev.jtune.nn.model.Task task = objective.task();
      FitResult again = new FitLoop(task, SMALL.plan(fixed), 2, Metric.LOSS,
          objective.keptNetworkSeed(t)).withBestEpochWeights()
          .fit(SMALL.build(fixed, task), split.train(), split.held(), List.of());
      assertThat(again.best().get(Metric.LOSS)).isEqualTo(kept.get(0).best().get(Metric.LOSS));
    }
    assertThatThrownBy(() -> TrainingObjective.holdout(SMALL, split.train(), split.held(), 2,
        Metric.LOSS, 9).withExecutions(0)).hasMessageContaining("got 0");
  }

  @Test
  void crossValidatedTrialsRecordEachFoldAndRefitOnEveryRow() {
    LabeledData all = SyntheticClassification.of(240, 6, 2, 8).generate();
    Study study = Study.builder().direction(StudyDirection.MAXIMIZE)
        .sampler(new RandomSampler(4)).build();
    try (TrainingObjective objective = TrainingObjective.crossValidated(SMALL, all, 3, 3,
        Metric.ACCURACY, 9)) {
      assertThat(objective.crossValidated()).isTrue();
      study.optimize(objective, OptimizeOptions.trials(1).withRethrow(true));
      FrozenTrial t = study.trials(TrialState.COMPLETE).get(0);
      List<?> values = (List<?>) t.userAttrs().get("fold_values");
      List<?> epochs = (List<?>) t.userAttrs().get("fold_best_epochs");
      assertThat(values).hasSize(3);
      assertThat(epochs).hasSize(3);
      double mean = values.stream().mapToDouble(v -> ((Number) v).doubleValue()).average()
          .orElseThrow();
      assertThat(t.value()).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-12));

      FitResult refit = objective.refit(t);
      assertThat(refit.history()).hasSize(Refit.epochsOf(t, 3));
      assertThat(objective.refitRows()).isEqualTo(240);
      // judged on its own training rows, all 240 of them, and its weights are the last epoch's
      dev.jtune.nn.model.Task task = dev.jtune.nn.model.Task.of(all);
      try (TrainedNetwork net = TrainedNetwork.load(SMALL.build(
          new dev.jtune.nn.model.FixedTrial(t.params(), t.number()), task), task,
          refit.weights())) {
        assertThat(net.evaluate(all).get(Metric.LOSS)).isCloseTo(refit.history()
            .get(refit.history().size() - 1).validation().get(Metric.LOSS),
            org.assertj.core.data.Offset.offset(1e-6));
      }
      assertThat(objective.refit(t).weights()).isEqualTo(refit.weights()); // reproducible
    }
  }

  /**
   * A fold that early stopping ends before the last epoch holds its result at the steps it did not
   * train, so the next fold's first epoch is reported at step epochs + 1 in every trial (before,
   * it came right after the stopped fold's last epoch, and rung pruners judged it against other
   * trials' late epochs).
   */
  @Test
  void aFoldStoppedEarlyHoldsItsResultUntilTheNextFoldsSteps() {
    LabeledData all = SyntheticClassification.of(240, 6, 2, 8).generate();
    int epochs = 12;
    MlpHyperModel stopsEarly = SMALL.withEarlyStopping(new EarlyStopping(Metric.ACCURACY, 1,
        0.5, true));                             // no epoch gains 0.5: every fold stops at epoch 2
    Study study = Study.builder().direction(StudyDirection.MAXIMIZE)
        .sampler(new RandomSampler(4)).build();
    try (TrainingObjective objective = TrainingObjective.crossValidated(stopsEarly, all, 2,
        epochs, Metric.ACCURACY, 9)) {
      study.optimize(objective, OptimizeOptions.trials(1).withRethrow(true));
    }
    FrozenTrial t = study.trials(TrialState.COMPLETE).get(0);
    List<?> foldValues = (List<?>) t.userAttrs().get("fold_values");
    java.util.Map<Integer, Double> reported = t.intermediateValues();
    // fold 0: epochs 1-2 trained, 3-12 held at its result; fold 1: epochs 1-2 at steps 13-14
    assertThat(reported.keySet()).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
        12, 13, 14);
    for (int step = 3; step <= epochs; step++) {
      assertThat(reported.get(step)).as("step %d", step)
          .isEqualTo(((Number) foldValues.get(0)).doubleValue());
    }
  }

  @Test
  void aHoldoutObjectiveHasNothingToRefit() {
    LabeledData all = SyntheticClassification.of(120, 4, 2, 8).generate();
    Split split = FitLoopTest.standardized(all);
    try (TrainingObjective objective = TrainingObjective.holdout(SMALL, split.train(),
        split.held(), 1, Metric.ACCURACY, 9)) {
      assertThat(objective.crossValidated()).isFalse();
      FrozenTrial none = null;
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> objective.refit(none))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("cross-validated");
    }
  }

  /**
   * With input normalization each fold's network is adapted to that fold's training rows: the
   * first fold's saved statistics are those of its 160 training rows, not of all 240.
   */
  @Test
  void eachFoldNormalizesWithItsOwnTrainingRows() {
    LabeledData all = SyntheticClassification.of(240, 6, 2, 8).generate();
    var model = SMALL.withInputNormalization();
    java.util.concurrent.atomic.AtomicReference<byte[]> firstFold =
        new java.util.concurrent.atomic.AtomicReference<>();
    Study study = Study.builder().direction(StudyDirection.MAXIMIZE)
        .sampler(new RandomSampler(4)).build();
    try (TrainingObjective objective = TrainingObjective.crossValidated(model, all, 3, 1,
        Metric.ACCURACY, 9).withWeightsSink((trial, task, fit) -> firstFold.set(fit.weights()))) {
      study.optimize(objective, OptimizeOptions.trials(1).withRethrow(true));
    }
    FrozenTrial t = study.trials(TrialState.COMPLETE).get(0);
    LabeledData foldTrain = dev.jtune.nn.data.Splitter.stratified(9).kFold(all, 3).get(0).train();
    double[] expected = dev.jtune.nn.data.Standardizer.fit(foldTrain).mean();
    double[] leaked = dev.jtune.nn.data.Standardizer.fit(all).mean();
    dev.jtune.nn.model.Task task = dev.jtune.nn.model.Task.of(all);
    try (TrainedNetwork net = TrainedNetwork.load(model.build(
        new dev.jtune.nn.model.FixedTrial(t.params(), t.number()), task), task, firstFold.get())) {
      float[] means = dev.jtune.nn.model.NormalizationBlock.in(net.block()).get(0).means();
      for (int j = 0; j < expected.length; j++) {
        assertThat((double) means[j]).isCloseTo(expected[j],
            org.assertj.core.data.Offset.offset(1e-5));
      }
      double gap = 0;
      for (int j = 0; j < expected.length; j++) {
        gap = Math.max(gap, Math.abs(means[j] - leaked[j]));
      }
      assertThat(gap).isGreaterThan(1e-3);
    }
  }
}
