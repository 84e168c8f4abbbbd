package dev.jtune.nn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.train.FitLoop;
import dev.jtune.nn.train.FitResult;
import dev.jtune.nn.train.Metric;
import dev.jtune.nn.train.TrainingPlan;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HyperModelTest {

  @Test
  void mlpAsksForUnitsOnlyOfLayersThatExist() {
    FixedTrial trial = new FixedTrial(Map.of("n_layers", 2, "units_l0", 64, "units_l1", 32,
        "units_l2", 256, "optimizer", "adam", "lr", 0.01, "batch_size", 16));
    Task task = new Task(Task.Kind.BINARY, new int[] {20}, 2);
    MlpHyperModel.seedExample().build(trial, task);
    TrainingPlan plan = MlpHyperModel.seedExample().plan(trial);
    assertThat(trial.params()).containsOnlyKeys("n_layers", "units_l0", "units_l1", "optimizer",
        "lr", "batch_size");
    assertThat(plan.batchSizes().sizeAt(1)).isEqualTo(16);
    assertThat(plan.optimizer().learningRate()).isEqualTo(0.01);
  }

  /** Full-batch gradient descent steps on every row: its trials are asked no batch size. */
  @Test
  void fullBatchGradientDescentIsAskedNoBatchSize() {
    var choice = dev.jtune.nn.optim.OptimizerChoice.of(0.05, 0.05, "gd", "adam");
    FixedTrial gd = new FixedTrial(Map.of("optimizer", "gd", "lr", 0.05, "batch_size", 16));
    MlpHyperModel.seedExample().withOptimizers(choice).withBatchSizes(16, 64).plan(gd);
    assertThat(gd.params()).containsOnlyKeys("optimizer", "lr");
    FixedTrial adam = new FixedTrial(Map.of("optimizer", "adam", "lr", 0.05, "batch_size", 16));
    MlpHyperModel.seedExample().withOptimizers(choice).withBatchSizes(16, 64).plan(adam);
    assertThat(adam.params()).containsOnlyKeys("optimizer", "lr", "batch_size");
    FixedTrial cnn = new FixedTrial(Map.of("optimizer", "gd", "lr", 0.05, "batch_size", 16));
    CnnHyperModel.defaults().withOptimizers(choice).withBatchSizes(16, 64).plan(cnn);
    assertThat(cnn.params()).containsOnlyKeys("optimizer", "lr");
  }

  /**
   * A tuned dropout keeps its layers at rate 0, so population-based training can move a member's
   * rate to 0 (PB2 often picks a bound) and back without changing its network's shape; weights
   * saved before, from a rate-0 network without them, still load.
   */
  @Test
  void aTunedDropoutKeepsItsLayersAtRateZeroAndOlderWeightsStillLoad() throws Exception {
    Task task = new Task(Task.Kind.BINARY, new int[] {6}, 2);
    MlpHyperModel mlp = MlpHyperModel.seedExample().withLayers(2, 2, 8)
        .withRegularization(0.4, false);
    Map<String, Object> shape = Map.of("n_layers", 2, "units_l0", 8, "units_l1", 8);
    java.util.function.Function<Double, ai.djl.nn.Block> built = rate -> {
      Map<String, Object> params = new java.util.HashMap<>(shape);
      params.put("dropout", rate);
      return mlp.build(new FixedTrial(params), task);
    };
    assertThat(built.apply(0.0).getChildren().size())
        .isEqualTo(built.apply(0.3).getChildren().size()).isEqualTo(7);
    CnnHyperModel cnn = CnnHyperModel.defaults();   // dropout up to 0.5
    Task images = new Task(Task.Kind.MULTICLASS, new int[] {1, 8, 8}, 3);
    Map<String, Object> layers = Map.of("conv_blocks", 1, "filters_b0", 16, "kernel_b0", 3,
        "dense_units", 64);
    Map<String, Object> stillParams = new java.util.HashMap<>(layers);
    stillParams.put("dropout", 0.0);
    Map<String, Object> movingParams = new java.util.HashMap<>(layers);
    movingParams.put("dropout", 0.25);
    FixedTrial still = new FixedTrial(stillParams);
    FixedTrial moving = new FixedTrial(movingParams);
    assertThat(cnn.build(still, images).getChildren().size())
        .isEqualTo(cnn.build(moving, images).getChildren().size());
    // weights of the rate-0 network as it was built before: no dropout layers
    ai.djl.nn.Block old = MlpHyperModel.network(task, new int[] {8, 8}, Activation.RELU, 0, false);
    try (ai.djl.ndarray.NDManager m = dev.jtune.nn.TorchRuntime.engine().newBaseManager()) {
      old.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, 6));
      byte[] weights = SavedParameters.of(old);
      LabeledData rows = dev.jtune.nn.data.SyntheticClassification.of(20, 6, 2, 1).generate();
      try (dev.jtune.nn.train.TrainedNetwork before = dev.jtune.nn.train.TrainedNetwork.load(
              MlpHyperModel.network(task, new int[] {8, 8}, Activation.RELU, 0, false), task,
              weights);
          dev.jtune.nn.train.TrainedNetwork now = dev.jtune.nn.train.TrainedNetwork.load(
              built.apply(0.0), task, weights)) {
        assertThat(now.predictRaw(rows)).containsExactly(before.predictRaw(rows));
      }
      // and into a network at another rate (a member that copied an older checkpoint), and
      // behind input normalization (a study file's standardize: true), one level down
      try (dev.jtune.nn.train.TrainedNetwork before = dev.jtune.nn.train.TrainedNetwork.load(
              MlpHyperModel.network(task, new int[] {8, 8}, Activation.RELU, 0, false), task,
              weights);
          dev.jtune.nn.train.TrainedNetwork moved = dev.jtune.nn.train.TrainedNetwork.load(
              built.apply(0.3), task, weights)) {
        assertThat(moved.predictRaw(rows)).containsExactly(before.predictRaw(rows));
      }
      ai.djl.nn.Block normalizedOld = new ai.djl.nn.SequentialBlock()
          .add(new NormalizationBlock(null))
          .add(MlpHyperModel.network(task, new int[] {8, 8}, Activation.RELU, 0, false));
      normalizedOld.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32,
          new ai.djl.ndarray.types.Shape(1, 6));
      byte[] normalizedWeights = SavedParameters.of(normalizedOld);
      Map<String, Object> params = new java.util.HashMap<>(shape);
      params.put("dropout", 0.0);
      try (dev.jtune.nn.train.TrainedNetwork before = dev.jtune.nn.train.TrainedNetwork.load(
              new ai.djl.nn.SequentialBlock().add(new NormalizationBlock(null)).add(
                  MlpHyperModel.network(task, new int[] {8, 8}, Activation.RELU, 0, false)),
              task, normalizedWeights);
          dev.jtune.nn.train.TrainedNetwork now = dev.jtune.nn.train.TrainedNetwork.load(
              mlp.withInputNormalization().build(new FixedTrial(params), task), task,
              normalizedWeights)) {
        assertThat(now.predictRaw(rows)).containsExactly(before.predictRaw(rows));
      }
    }
  }

  @Test
  void mlpRejectsAValueOutsideItsSpace() {
    FixedTrial trial = new FixedTrial(Map.of("n_layers", 4));
    assertThatThrownBy(() -> MlpHyperModel.seedExample().build(trial,
        new Task(Task.Kind.BINARY, new int[] {20}, 2)))
        .hasMessageContaining("'n_layers' = 4");
  }

  /** Numbers as JSON readers give them (3L, 3.0, 64L) come back in the distribution's own form. */
  @Test
  void fixedTrialsTakeIntegersAsLongOrDoubleAndNameBadValues() {
    FixedTrial trial = new FixedTrial(Map.of("n_layers", 1L, "units_l0", 64L, "optimizer", "adam",
        "lr", 0.01, "batch_size", 16.0));
    Task task = new Task(Task.Kind.BINARY, new int[] {20}, 2);
    MlpHyperModel.seedExample().build(trial, task);
    assertThat(MlpHyperModel.seedExample().plan(trial).batchSizes().sizeAt(1)).isEqualTo(16);
    assertThat(trial.params()).containsEntry("n_layers", 1).containsEntry("units_l0", 64);
    assertThatThrownBy(() -> MlpHyperModel.seedExample().build(
        new FixedTrial(Map.of("n_layers", "2")), task))
        .hasMessageContaining("'n_layers' = 2 (String) is not in int[1, 3]");
  }

  @Test
  void hyperbandNeedsTwoEpochsToStopATrialEarly() {
    assertThatThrownBy(() -> dev.jtune.nn.tuner.Tuner.hyperband(1))
        .hasMessageContaining("maxEpochs >= 2").hasMessageContaining("maxEpochs=1");
  }

  @Test
  void tasksAndHyperModelsRefuseShapesAndNullsByName() {
    assertThatThrownBy(() -> new Task(Task.Kind.BINARY, new int[] {-3}, 2))
        .hasMessageContaining("inputShape [-3]");
    assertThatThrownBy(() -> new Task(null, new int[] {3}, 2)).hasMessageContaining("kind");
    assertThatThrownBy(() -> MlpHyperModel.seedExample().withLayers(1, 2, 32, null))
        .hasMessageContaining("units [32, null] holds null");
    assertThatThrownBy(() -> MlpHyperModel.seedExample().withOptimizers(null))
        .hasMessageContaining("optimizers");
  }

  /** Two classes of 8x8 images: a bright left half or a bright right half, with noise. */
  private static LabeledData halves(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] x = new float[n * 64];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      y[i] = c;
      for (int r = 0; r < 8; r++) {
        for (int col = 0; col < 8; col++) {
          boolean lit = c == 0 ? col < 4 : c == 1 ? col >= 4 : r < 4;
          x[i * 64 + r * 8 + col] = (lit ? 1f : 0f) + (float) (0.3 * rng.nextGaussian());
        }
      }
    }
    return new LabeledData(x, n, new int[] {1, 8, 8}, y, 3);
  }

  @Test
  void cnnLearnsToSeeWhichHalfIsLit() {
    LabeledData train = halves(240, 1);
    LabeledData val = halves(60, 2);
    Task task = Task.of(train);
    FixedTrial trial = new FixedTrial(Map.of("conv_blocks", 2, "filters_b0", 16, "kernel_b0", 3,
        "filters_b1", 16, "kernel_b1", 5, "dense_units", 64, "dropout", 0.1,
        "optimizer", "adam", "lr", 0.005, "batch_size", 32));
    CnnHyperModel model = CnnHyperModel.defaults();
    FitResult r = new FitLoop(task, model.plan(trial), 3, Metric.ACCURACY, 3)
        .fit(model.build(trial, task), train, val, List.of());
    assertThat(r.best().get(Metric.ACCURACY)).isGreaterThan(0.9);
  }

  @Test
  void cnnRefusesFlatInputAndTooManyPoolings() {
    FixedTrial trial = new FixedTrial(Map.of("conv_blocks", 2));
    assertThatThrownBy(() -> CnnHyperModel.defaults().build(trial,
        new Task(Task.Kind.BINARY, new int[] {20}, 2))).hasMessageContaining("(channels, height");
    FixedTrial deep = new FixedTrial(Map.of("conv_blocks", 2));
    assertThatThrownBy(() -> CnnHyperModel.defaults().build(deep,
        new Task(Task.Kind.BINARY, new int[] {1, 3, 3}, 2))).hasMessageContaining("below 1");
  }
}
