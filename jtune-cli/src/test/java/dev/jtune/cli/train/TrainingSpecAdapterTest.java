package dev.jtune.cli.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.cli.config.TrainingSpec;
import dev.jtune.nn.model.MlpHyperModel;
import dev.jtune.nn.schedule.LearningRateSchedule;
import dev.jtune.nn.train.Metric;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrainingSpecAdapterTest {

  private static TrainingSpec spec(String metric, TrainingSpec.Schedule schedule) {
    return new TrainingSpec(
        new TrainingSpec.DataSpec.Synthetic(200, 10, 3, 5, new TrainingSpec.Split(0.25, 0.2, 9)),
        new TrainingSpec.ModelSpec.Mlp(1, 2, List.of(8, 16), List.of("relu", "tanh"), 0.3, true),
        new TrainingSpec.Settings(2, List.of("adam", "sgd"), 1e-3, 1e-1, List.of(16, 32),
            schedule, Optional.of(new TrainingSpec.EarlyStop(2, 0.01, false))),
        metric);
  }

  @Test
  void bindSplitsTheDataAndCarriesEverySettingIntoTheHyperModel() {
    TrainingSpecAdapter.Bound b = TrainingSpecAdapter.bind(
        spec("accuracy", new TrainingSpec.Schedule("cosine-warmup", Map.of("warmup-steps", 5.0))));
    assertThat(b.train().rows() + b.validation().rows() + b.test().rows()).isEqualTo(200);
    assertThat(b.validation().rows()).isEqualTo(50);
    assertThat(b.test().rows()).isEqualTo(40);
    assertThat(b.metric()).isEqualTo(Metric.ACCURACY);
    assertThat(b.epochs()).isEqualTo(2);
    MlpHyperModel m = (MlpHyperModel) b.model();
    assertThat(m.minLayers()).isEqualTo(1);
    assertThat(m.maxLayers()).isEqualTo(2);
    assertThat(m.units()).containsExactly(8, 16);
    assertThat(m.activations()).containsExactly("relu", "tanh");
    assertThat(m.maxDropout()).isEqualTo(0.3);
    assertThat(m.tuneBatchNorm()).isTrue();
    assertThat(m.batchSizes()).containsExactly(16, 32);
    assertThat(m.optimizers().kinds()).containsExactly("adam", "sgd");
    assertThat(m.optimizers().lrLow()).isEqualTo(1e-3);
    assertThat(m.optimizers().lrHigh()).isEqualTo(1e-1);
    assertThat(m.schedule()).isEqualTo(new LearningRateSchedule.CosineWarmup(5, 0.0));
    assertThat(m.earlyStopping().monitor()).isEqualTo(Metric.ACCURACY);
    assertThat(m.earlyStopping().patience()).isEqualTo(2);
    assertThat(m.earlyStopping().restoreBest()).isFalse();
  }

  /**
   * A CSV study standardizes its numeric columns inside the network unless told not to; the
   * one-hot columns of the categorical one pass unchanged.
   */
  @Test
  void csvNumericColumnsAreStandardizedInsideTheNetwork(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    StringBuilder csv = new StringBuilder("big,color,target\n");
    for (int i = 0; i < 60; i++) {
      csv.append(5000 + 1000 * Math.sin(i)).append(',').append(i % 2 == 0 ? "red" : "blue")
          .append(',').append(i % 2).append('\n');
    }
    java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("d.csv"), csv);
    for (boolean standardize : new boolean[] {true, false}) {
      TrainingSpec spec = new TrainingSpec(
          new TrainingSpec.DataSpec.Csv(file, "target", List.of("color"), false, standardize,
              new TrainingSpec.Split(0.25, 0.2, 9)),
          new TrainingSpec.ModelSpec.Mlp(1, 1, List.of(8), List.of("relu"), 0, false),
          new TrainingSpec.Settings(1, List.of("adam"), 1e-3, 1e-2, List.of(16),
              new TrainingSpec.Schedule("constant", Map.of()), Optional.empty()),
          "accuracy");
      TrainingSpecAdapter.Bound b = TrainingSpecAdapter.bind(spec);
      dev.jtune.nn.model.Task task = dev.jtune.nn.model.Task.of(b.train());
      var trial = new dev.jtune.nn.model.FixedTrial(Map.of("n_layers", 1, "units_l0", 8,
          "optimizer", "adam", "lr", 1e-3));
      assertThat(dev.jtune.nn.model.NormalizationBlock.in(b.model().build(trial, task)))
          .hasSize(standardize ? 1 : 0);
      if (standardize) {
        byte[] weights = new dev.jtune.nn.train.FitLoop(task, b.model().plan(trial), 1,
            Metric.ACCURACY, 1).fit(b.model().build(trial, task), b.train(), b.validation(),
            List.of()).weights();
        try (dev.jtune.nn.train.TrainedNetwork net = dev.jtune.nn.train.TrainedNetwork.load(
            b.model().build(trial, task), task, weights)) {
          var fitted = dev.jtune.nn.model.NormalizationBlock.in(net.block()).get(0);
          assertThat(fitted.means()[0]).isBetween(4000f, 6000f); // the numeric column
          assertThat(fitted.means()[1]).isEqualTo(0f);           // one-hot columns untouched
          assertThat(fitted.scales()[1]).isEqualTo(1f);
        }
      }
    }
  }

  /**
   * With folds the validation part is the folds', the test part stays out, and the best trial is
   * judged on the test part by its refit on every training row.
   */
  @Test
  void foldsBindACrossValidatedObjectiveWhoseBestIsJudgedByItsRefit() {
    TrainingSpec spec = new TrainingSpec(
        new TrainingSpec.DataSpec.Synthetic(200, 6, 2, 5, new TrainingSpec.Split(0, 0.2, 9, 4)),
        new TrainingSpec.ModelSpec.Mlp(1, 1, List.of(8), List.of("relu"), 0, false),
        new TrainingSpec.Settings(2, List.of("adam"), 1e-3, 1e-2, List.of(16),
            new TrainingSpec.Schedule("constant", Map.of()), Optional.empty()),
        "accuracy");
    // more folds than training rows: named at its key
    assertThatThrownBy(() -> TrainingSpecAdapter.bind(new TrainingSpec(
        new TrainingSpec.DataSpec.Synthetic(20, 6, 2, 5, new TrainingSpec.Split(0, 0.2, 9, 50)),
        spec.model(), spec.training(), "accuracy")))
        .hasMessageContaining("data.split.folds: 50 folds need at least as many training rows; "
            + "the training part has 16");
    TrainingSpecAdapter.Bound b = TrainingSpecAdapter.bind(spec);
    assertThat(b.objective().crossValidated()).isTrue();
    assertThat(b.validation()).isNull();
    assertThat(b.train().rows()).isEqualTo(160);
    assertThat(b.test().rows()).isEqualTo(40);
    dev.jtune.study.Study study = oneTrial(b);
    var best = study.bestTrial();
    assertThat((List<?>) best.userAttrs().get("fold_values")).hasSize(4);
    var task = b.objective().task();
    var fixed = new dev.jtune.nn.model.FixedTrial(best.params(), best.number());
    try (var refit = dev.jtune.nn.train.TrainedNetwork.load(b.model().build(fixed, task), task,
        b.objective().refit(best).weights())) {
      assertThat(BestModelEvaluation.onTest(b, best).get(Metric.LOSS))
          .isEqualTo(refit.evaluate(b.test()).get(Metric.LOSS));
    }
  }

  /**
   * With training.refit the best trial of a holdout is judged on the test part by its
   * configuration retrained on the training and validation rows for its best epoch count.
   */
  @Test
  void refitJudgesTheBestByItsConfigurationRetrainedOnTrainingAndValidationRows() {
    TrainingSpecAdapter.Bound b = refitting(3, 1e-2);
    assertThat(b.refit()).isTrue();
    assertThat(BestModelEvaluation.refitRows(b)).isEqualTo(160);
    dev.jtune.study.Study study = oneTrial(b);
    var best = study.bestTrial();
    var fit = dev.jtune.nn.train.Refit.of(b.model(), Metric.ACCURACY, 9, best, study.trials(), 3,
        b.train().append(b.validation()));
    assertThat(fit.history()).hasSize((Integer) best.userAttrs().get("best_epoch"));
    assertJudgedBy(b, study, fit);
  }

  /**
   * With training.refit a population study's best member is judged by its schedule trained afresh
   * on the training and validation rows, not by its own checkpoint.
   */
  @Test
  void refitJudgesTheBestMemberByItsScheduleTrainedAfresh(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) {
    TrainingSpecAdapter.Bound bound = refitting(2, 1e-1);
    TrainingSpecAdapter.Bound b = bound.withObjective(bound.objective().withPopulation(
        new dev.jtune.nn.train.CheckpointStore(dir)));
    dev.jtune.study.Study study = dev.jtune.study.Study.builder()
        .direction(dev.jtune.study.StudyDirection.MAXIMIZE)
        .sampler(new dev.jtune.sampler.pbt.PopulationBasedSampler(3, 4)).build();
    try (var objective = b.objective()) {
      study.optimize(objective, dev.jtune.study.OptimizeOptions.trials(9).withRethrow(true));
    }
    var lineage = dev.jtune.sampler.pbt.Lineage.of(study.bestTrial(), study.trials())
        .orElseThrow();
    assertJudgedBy(b, study, dev.jtune.nn.train.ScheduleReplay.of(lineage, 2).train(b.model(),
        Metric.ACCURACY, 9, b.train().append(b.validation()), null));
  }

  /** A holdout of 200 synthetic rows (test 0.2, validation 0.25, seed 9) with refit: true. */
  private static TrainingSpecAdapter.Bound refitting(int epochs, double lrHigh) {
    return TrainingSpecAdapter.bind(new TrainingSpec(
        new TrainingSpec.DataSpec.Synthetic(200, 6, 2, 5, new TrainingSpec.Split(0.25, 0.2, 9,
            0)),
        new TrainingSpec.ModelSpec.Mlp(1, 1, List.of(8), List.of("relu"), 0, false),
        new TrainingSpec.Settings(epochs, List.of("adam"), 1e-3, lrHigh, List.of(16),
            new TrainingSpec.Schedule("constant", Map.of()), Optional.empty(), Optional.empty(),
            1, true),
        "accuracy"));
  }

  /**
   * The test loss of {@code study}'s best trial as {@code b} judges it is that of {@code fit}'s
   * network; without the refit it is another (the trial's own network).
   */
  private static void assertJudgedBy(TrainingSpecAdapter.Bound b, dev.jtune.study.Study study,
      dev.jtune.nn.train.FitResult fit) {
    var best = study.bestTrial();
    var task = b.objective().task();
    var fixed = new dev.jtune.nn.model.FixedTrial(best.params(), best.number());
    try (var refit = dev.jtune.nn.train.TrainedNetwork.load(b.model().build(fixed, task), task,
        fit.weights())) {
      double expected = refit.evaluate(b.test()).get(Metric.LOSS);
      assertThat(BestModelEvaluation.onTest(b, best, study.trials()).get(Metric.LOSS))
          .isEqualTo(expected);
      var own = new TrainingSpecAdapter.Bound(b.objective(), b.model(), b.train(),
          b.validation(), b.test(), b.epochs(), b.metric(), b.seed(), false);
      assertThat(BestModelEvaluation.refitRows(own)).isZero();
      assertThat(BestModelEvaluation.onTest(own, best).get(Metric.LOSS)).isNotEqualTo(expected);
    }
  }

  /** A study of one random trial of {@code b}'s objective, which is closed after it. */
  private static dev.jtune.study.Study oneTrial(TrainingSpecAdapter.Bound b) {
    dev.jtune.study.Study study = dev.jtune.study.Study.builder()
        .direction(dev.jtune.study.StudyDirection.MAXIMIZE)
        .sampler(new dev.jtune.sampler.RandomSampler(1)).build();
    try (var objective = b.objective()) {
      study.optimize(objective, dev.jtune.study.OptimizeOptions.trials(1).withRethrow(true));
    }
    return study;
  }

  @Test
  void everyScheduleNameMapsToItsScheduleWithItsSettings() {
    assertThat(TrainingSpecAdapter.schedule(new TrainingSpec.Schedule("constant", Map.of())))
        .isEqualTo(LearningRateSchedule.constant());
    assertThat(TrainingSpecAdapter.schedule(new TrainingSpec.Schedule("step-decay",
        Map.of("step-size", 7.0, "gamma", 0.3))))
        .isEqualTo(new LearningRateSchedule.StepDecay(7, 0.3));
    assertThat(TrainingSpecAdapter.schedule(new TrainingSpec.Schedule("exponential-decay",
        Map.of("rate", 0.9, "decay-steps", 20.0))))
        .isEqualTo(new LearningRateSchedule.ExponentialDecay(0.9, 20));
    assertThat(TrainingSpecAdapter.schedule(new TrainingSpec.Schedule("one-cycle",
        Map.of("div", 10.0)))).isEqualTo(new LearningRateSchedule.OneCycle(0.3, 10, 1e4));
    assertThat(TrainingSpecAdapter.schedule(new TrainingSpec.Schedule("reduce-on-plateau",
        Map.of("factor", 0.5, "patience", 2.0))))
        .isEqualTo(new LearningRateSchedule.ReduceOnPlateau(0.5, 2, 1e-4, 0.0));
  }

  @Test
  void syntheticDataKeepsScikitLearnsDefaultsAndGrowsInformativeFeaturesForManyClasses() {
    var binary = TrainingSpecAdapter.synthetic(
        new TrainingSpec.DataSpec.Synthetic(100, 20, 2, 42, new TrainingSpec.Split(0.2, 0.2, 0)));
    assertThat(binary).isEqualTo(
        dev.jtune.nn.data.SyntheticClassification.of(100, 20, 2, 42));
    var ten = TrainingSpecAdapter.synthetic(
        new TrainingSpec.DataSpec.Synthetic(100, 6, 10, 42, new TrainingSpec.Split(0.2, 0.2, 0)));
    assertThat(ten.informative()).isEqualTo(5);
    assertThat(ten.redundant()).isEqualTo(1);
    assertThat(ten.generate().rows()).isEqualTo(100);
    // few features: the redundant ones shrink to what is left (3 features were always refused)
    var three = TrainingSpecAdapter.synthetic(
        new TrainingSpec.DataSpec.Synthetic(100, 3, 2, 42, new TrainingSpec.Split(0.2, 0.2, 0)));
    assertThat(three.informative()).isEqualTo(2);
    assertThat(three.redundant()).isEqualTo(1);
    assertThat(three.generate().rows()).isEqualTo(100);
    // too few features for the classes: the message says what the file can change
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainingSpecAdapter.synthetic(
        new TrainingSpec.DataSpec.Synthetic(100, 2, 10, 1, new TrainingSpec.Split(0.2, 0.2, 0))))
        .hasMessageContaining("10 classes need 5 informative features")
        .hasMessageContaining("raise features to 5 or lower classes");
  }

  @Test
  void aMetricThatDoesNotFitTheTaskIsNamed() {
    assertThatThrownBy(() -> TrainingSpecAdapter.bind(
        spec("auc", new TrainingSpec.Schedule("constant", Map.of()))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("val_auc")
        .hasMessageContaining("MULTICLASS").hasMessageContaining("it can use [loss, accuracy]");
  }
}
