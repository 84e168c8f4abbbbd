package dev.jtune.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.data.Split;
import dev.jtune.nn.data.Splitter;
import dev.jtune.nn.data.Standardizer;
import dev.jtune.nn.data.SyntheticClassification;
import dev.jtune.nn.model.Activation;
import dev.jtune.nn.model.MlpHyperModel;
import dev.jtune.nn.model.Task;
import dev.jtune.nn.optim.OptimizerSpec;
import dev.jtune.nn.schedule.BatchSizeSchedule;
import dev.jtune.nn.schedule.LearningRateSchedule;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialPrunedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Tiny fits (a few hundred rows, a few epochs, one thread): the loop learns and keeps its word. */
class FitLoopTest {

  static Split standardized(LabeledData all) {
    Split s = Splitter.stratified(1).trainTest(all, 0.25);
    Standardizer st = Standardizer.fit(s.train());
    return new Split(st.apply(s.train()), st.apply(s.held()));
  }

  private static FitResult fit(LabeledData all, TrainingPlan plan, int epochs, Metric monitor,
      List<EpochListener> listeners) {
    Split s = all.isClassification() ? standardized(all) : Splitter.shuffled(1).trainTest(all, 0.25);
    Task task = Task.of(all);
    return new FitLoop(task, plan, epochs, monitor, 7).fit(
        MlpHyperModel.network(task, new int[] {16}, Activation.RELU, 0, false), s.train(),
        s.held(), listeners);
  }

  @Test
  void learnsABinaryProblem() {
    LabeledData d = SyntheticClassification.of(400, 10, 2, 3).withDifficulty(1.5, 1, 0).generate();
    FitResult r = fit(d, TrainingPlan.of(OptimizerSpec.Adam.of(0.01), 32), 3, Metric.ACCURACY,
        List.of());
    assertThat(r.history()).hasSize(3);
    assertThat(r.best().get(Metric.ACCURACY)).isGreaterThan(0.8);
    assertThat(r.best().get(Metric.AUC)).isGreaterThan(0.85);
    assertThat(r.history().get(2).trainLoss()).isLessThan(r.history().get(0).trainLoss());
  }

  /**
   * With a learning rate too small to move the weights, an epoch's training loss (summed per
   * batch, the last one smaller) equals the network's loss over the same rows evaluated after it;
   * each batch is reported once, in order, with the rows seen so far.
   */
  @Test
  void epochLossAndBatchCallbacksCountEveryRowOnce() {
    LabeledData d = new SyntheticClassification(103, 6, 3, 1, 0, 3, 1, 2.0, 0, 9).generate();
    Task task = Task.of(d);
    for (int batch : new int[] {10, 103, 200}) {
      List<int[]> batches = new ArrayList<>();
      EpochListener listener = new EpochListener() {
        @Override
        public void onEpoch(EpochRecord record) {}

        @Override
        public void onBatch(int epoch, int index, int rowsDone) {
          batches.add(new int[] {epoch, index, rowsDone});
        }
      };
      FitResult r = new FitLoop(task, TrainingPlan.of(new OptimizerSpec.Sgd(1e-12), batch), 2,
          Metric.LOSS, 3).fit(MlpHyperModel.network(task, new int[] {8}, Activation.RELU, 0,
          false), d, d, List.of(listener));
      EpochRecord last = r.history().get(1);
      assertThat(last.trainLoss()).as("batch %d", batch)
          .isCloseTo(last.validation().get(Metric.LOSS), org.assertj.core.api.Assertions.within(
              1e-5));
      int perEpoch = (103 + Math.min(batch, 103) - 1) / Math.min(batch, 103);
      assertThat(batches).hasSize(2 * perEpoch);
      for (int i = 0; i < batches.size(); i++) {
        int[] b = batches.get(i);
        assertThat(b[0]).isEqualTo(1 + i / perEpoch);
        assertThat(b[1]).isEqualTo(i % perEpoch);
        assertThat(b[2]).isEqualTo(Math.min(103, (i % perEpoch + 1) * Math.min(batch, 103)));
      }
    }
  }

  @Test
  void aLossThatIsNotFiniteInTheFirstEpochFailsTheFitAndNamesTheLearningRate() {
    LabeledData d = SyntheticClassification.of(300, 6, 2, 4).generate();
    assertThatThrownBy(() -> fit(d, TrainingPlan.of(new OptimizerSpec.Sgd(1e30), 16), 3,
        Metric.ACCURACY, List.of()))
        .isInstanceOf(TrainingDivergedException.class)
        .hasMessageContaining("epoch 1").hasMessageContaining("learning rate 1.0E30");
  }

  /** The fit's kept weights, in the 16-unit MLP the divergence tests train, predict finitely. */
  private static void assertKeptWeightsPredictFinitely(Task task, FitResult r, LabeledData rows) {
    try (TrainedNetwork kept = TrainedNetwork.load(
        MlpHyperModel.network(task, new int[] {16}, Activation.RELU, 0, false), task,
        r.weights())) {
      for (float v : kept.predictRaw(rows)) {
        assertThat(v).isFinite();
      }
    }
  }

  /** Weights made NaN after epoch 2: epoch 3's loss is NaN, so the fit stops with epoch 2 kept. */
  @Test
  void aLossThatStopsBeingFiniteLaterStopsTheFitAndKeepsTheBestEpoch() {
    LabeledData d = SyntheticClassification.of(300, 6, 2, 4).generate();
    Split s = standardized(d);
    Task task = Task.of(d);
    ai.djl.nn.Block block = MlpHyperModel.network(task, new int[] {16}, Activation.RELU, 0, false);
    EpochListener poison = record -> {
      if (record.epoch() == 2) {
        block.getParameters().forEach(p -> p.getValue().getArray().muli(Float.NaN));
      }
    };
    FitResult r = new FitLoop(task, TrainingPlan.of(OptimizerSpec.Adam.of(0.01), 32), 5,
        Metric.LOSS, 7).fit(block, s.train(), s.held(), List.of(poison));
    assertThat(r.history()).hasSize(2);
    assertThat(r.stoppedEarly()).isTrue();
    assertThat(r.bestEpoch()).isBetween(1, 2);
    assertKeptWeightsPredictFinitely(task, r, s.held());
  }

  /**
   * A trained network refuses samples of another shape and labels of another task by name (a CNN
   * took any image that pooled to the same size), and says when it is closed.
   */
  @Test
  void aTrainedNetworkRefusesOtherShapesOtherLabelsAndUseAfterClose() {
    LabeledData d = new SyntheticClassification(120, 10, 3, 1, 0, 3, 1, 2.0, 0, 4).generate();
    Split s = standardized(d);
    Task task = Task.of(d);
    FitResult r = new FitLoop(task, TrainingPlan.of(OptimizerSpec.Adam.of(0.01), 32), 1,
        Metric.LOSS, 7).fit(MlpHyperModel.network(task, new int[] {8}, Activation.RELU, 0, false),
        s.train(), s.held(), List.of());
    TrainedNetwork net = TrainedNetwork.load(MlpHyperModel.network(task, new int[] {8},
        Activation.RELU, 0, false), task, r.weights());
    LabeledData wider = new SyntheticClassification(40, 12, 3, 1, 0, 3, 1, 2.0, 0, 4).generate();
    assertThatThrownBy(() -> net.predictRaw(wider)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shape [12]").hasMessageContaining("expects [10]");
    LabeledData fourClasses = new SyntheticClassification(80, 10, 3, 1, 0, 4, 1, 2.0, 0, 4).generate();
    assertThatThrownBy(() -> net.evaluate(fourClasses))
        .hasMessageContaining("classes=4").hasMessageContaining("task 3");
    net.close();
    assertThatThrownBy(() -> net.predictRaw(s.held())).hasMessageContaining("TrainedNetwork is closed");
  }

  /** A network of the wrong output width, or a block trained before, is refused before training. */
  @Test
  void aBlockOfTheWrongWidthOrAlreadyTrainedIsRefusedAtOnce() {
    LabeledData d = new SyntheticClassification(120, 10, 3, 1, 0, 3, 1, 2.0, 0, 4).generate();
    Split s = standardized(d);
    Task task = Task.of(d);
    Task binary = new Task(Task.Kind.BINARY, new int[] {10}, 2);
    FitLoop loop = new FitLoop(task, TrainingPlan.of(OptimizerSpec.Adam.of(0.01), 32), 1,
        Metric.LOSS, 7);
    assertThatThrownBy(() -> loop.fit(MlpHyperModel.network(binary, new int[] {8},
        Activation.RELU, 0, false), s.train(), s.held(), List.of()))
        .hasMessageContaining("outputs 1 value(s) per sample")
        .hasMessageContaining("MULTICLASS task needs 3");
    ai.djl.nn.Block block = MlpHyperModel.network(task, new int[] {8}, Activation.RELU, 0, false);
    loop.fit(block, s.train(), s.held(), List.of());
    assertThatThrownBy(() -> loop.fit(block, s.train(), s.held(), List.of()))
        .hasMessageContaining("already initialized");
  }

  /** NaN labels are a data error, named by row, not a network that diverged. */
  @Test
  void nonFiniteLabelsAreRefusedByRow() {
    float[] x = {0, 1, 2, 3};
    LabeledData good = LabeledData.table(x, 1, new float[] {0, 1, 2, 3}, 0);
    LabeledData bad = LabeledData.table(x, 1, new float[] {0, 1, Float.NaN, 3}, 0);
    Task task = Task.of(good);
    FitLoop loop = new FitLoop(task, TrainingPlan.of(OptimizerSpec.Adam.of(0.01), 2), 1,
        Metric.LOSS, 7);
    assertThatThrownBy(() -> loop.fit(MlpHyperModel.network(task, new int[] {4},
        Activation.RELU, 0, false), good, bad, List.of()))
        .hasMessageContaining("validation data has label NaN in row 2");
  }

  /** A block that cannot tell its output width (a dimension of -1) is trusted, as documented. */
  @Test
  void aBlockOfUnknownOutputWidthIsTrusted() {
    Task task = new Task(Task.Kind.REGRESSION, new int[] {3}, 0);
    FitLoop.checkOutputWidth(reporting(new ai.djl.ndarray.types.Shape(1, -1)), task);
    assertThatThrownBy(() -> FitLoop.checkOutputWidth(
        reporting(new ai.djl.ndarray.types.Shape(1, 2)), task))
        .hasMessageContaining("outputs 2 value(s)");
  }

  /** A block that reports {@code out} as its output shape. */
  private static ai.djl.nn.Block reporting(ai.djl.ndarray.types.Shape out) {
    return new ai.djl.nn.SequentialBlock() {
      @Override
      public ai.djl.ndarray.types.Shape[] getOutputShapes(ai.djl.ndarray.types.Shape[] in) {
        return new ai.djl.ndarray.types.Shape[] {out};
      }
    };
  }

  /**
   * Full-batch gradient descent at a huge rate: the first update makes the weights NaN, but the
   * epoch's training loss was taken before it and is finite. The fit must fail, not keep epoch 1
   * (before: kept as best with the NaN outputs' accuracy and AUC, and the trial completed).
   */
  @Test
  void outputsThatAreNotFiniteAfterTheFirstEpochFailTheFit() {
    LabeledData d = SyntheticClassification.of(300, 6, 2, 4).generate();
    Split s = standardized(d);
    Task task = Task.of(d);
    FitLoop loop = new FitLoop(task, TrainingPlan.of(new OptimizerSpec.GradientDescent(1e30), 32),
        5, Metric.AUC, 7).withBestEpochWeights();
    assertThatThrownBy(() -> loop.fit(MlpHyperModel.network(task, new int[] {16, 16},
        Activation.RELU, 0, false), s.train(), s.held(), List.of()))
        .isInstanceOf(TrainingDivergedException.class)
        .hasMessageContaining("outputs on the validation rows are not finite after epoch 1")
        .hasMessageContaining("learning rate 1.0E30");
  }

  /**
   * Weights made NaN by the last update of epoch 2: that epoch's training loss is finite, its
   * outputs are not. The fit stops there, keeps epoch 1, and records no NaN-scored epoch.
   */
  @Test
  void outputsThatStopBeingFiniteStopTheFitAtThatEpoch() {
    LabeledData d = SyntheticClassification.of(300, 6, 2, 4).generate();
    Split s = standardized(d);
    Task task = Task.of(d);
    ai.djl.nn.Block block = MlpHyperModel.network(task, new int[] {16}, Activation.RELU, 0, false);
    int batches = (s.train().rows() + 31) / 32;
    EpochListener poison = new EpochListener() {
      @Override
      public void onEpoch(EpochRecord record) {}

      @Override
      public void onBatch(int epoch, int index, int rowsDone) {
        if (epoch == 2 && index == batches - 1) {
          block.getParameters().forEach(p -> p.getValue().getArray().muli(Float.NaN));
        }
      }
    };
    FitResult r = new FitLoop(task, TrainingPlan.of(OptimizerSpec.Adam.of(0.01), 32), 5,
        Metric.AUC, 7).withBestEpochWeights().fit(block, s.train(), s.held(), List.of(poison));
    assertThat(r.history()).hasSize(1);
    assertThat(r.stoppedEarly()).isTrue();
    assertThat(r.bestEpoch()).isEqualTo(1);
    assertThat(r.best().get(Metric.AUC)).isFinite();
    assertKeptWeightsPredictFinitely(task, r, s.held());
  }

  /**
   * Early stopping on the loss that restores weights, the loop monitoring accuracy: the weights
   * are the lowest-loss epoch's (Keras's restore_best_weights follows its own monitor); a tuner's
   * loop ({@code withBestEpochWeights}) keeps the best-accuracy epoch's even when early stopping
   * does not restore.
   */
  @Test
  void keptWeightsFollowEarlyStoppingsMonitorOrTheTunersObjective() {
    LabeledData d = SyntheticClassification.of(160, 10, 2, 8).withDifficulty(0.6, 2, 0.05)
        .generate();
    Split s = standardized(d);
    Task task = Task.of(d);
    TrainingPlan base = TrainingPlan.of(OptimizerSpec.Adam.of(0.05), 16);
    FitResult restoring = new FitLoop(task, base.withEarlyStopping(
        new EarlyStopping(Metric.LOSS, 30, 0, true)), 12, Metric.ACCURACY, 3)
        .fit(MlpHyperModel.network(task, new int[] {32}, Activation.RELU, 0, false), s.train(),
            s.held(), List.of());
    int lossEpoch = 0;
    int accuracyEpoch = 0;
    for (int e = 1; e < restoring.history().size(); e++) {
      if (restoring.history().get(e).validation().get(Metric.LOSS)
          < restoring.history().get(lossEpoch).validation().get(Metric.LOSS)) {
        lossEpoch = e;
      }
      if (restoring.history().get(e).validation().get(Metric.ACCURACY)
          > restoring.history().get(accuracyEpoch).validation().get(Metric.ACCURACY)) {
        accuracyEpoch = e;
      }
    }
    assertThat(lossEpoch).as("the two metrics' best epochs differ").isNotEqualTo(accuracyEpoch);
    try (TrainedNetwork kept = TrainedNetwork.load(
        MlpHyperModel.network(task, new int[] {32}, Activation.RELU, 0, false), task,
        restoring.weights())) {
      assertThat(kept.evaluate(s.held()).get(Metric.LOSS)).isCloseTo(
          restoring.history().get(lossEpoch).validation().get(Metric.LOSS),
          org.assertj.core.api.Assertions.within(1e-5));
    }
    FitResult tuned = new FitLoop(task, base.withEarlyStopping(
        new EarlyStopping(Metric.LOSS, 30, 0, false)), 12, Metric.ACCURACY, 3)
        .withBestEpochWeights()
        .fit(MlpHyperModel.network(task, new int[] {32}, Activation.RELU, 0, false), s.train(),
            s.held(), List.of());
    try (TrainedNetwork kept = TrainedNetwork.load(
        MlpHyperModel.network(task, new int[] {32}, Activation.RELU, 0, false), task,
        tuned.weights())) {
      assertThat(kept.evaluate(s.held()).get(Metric.ACCURACY))
          .isEqualTo(tuned.best().get(Metric.ACCURACY));
    }
  }

  @Test
  void batchNormTrainsWhenTheLastBatchWouldBeOneRow() {
    // 33 training rows in batches of 32: the last batch would hold one row, on which PyTorch's
    // batch norm refuses to train; it joins the batch before, and only with batch norm
    LabeledData d = SyntheticClassification.of(44, 6, 2, 1).generate();
    Split s = Splitter.shuffled(1).trainTest(d, 0.25);
    assertThat(s.train().rows()).isEqualTo(33);
    Task task = Task.of(d);
    TrainingPlan plan = TrainingPlan.of(OptimizerSpec.Adam.of(0.01), 32)
        .withSchedule(new LearningRateSchedule.CosineWarmup(1, 0));
    for (boolean batchNorm : new boolean[] {true, false}) {
      List<String> batches = new ArrayList<>();
      EpochListener seen = new EpochListener() {
        @Override
        public void onEpoch(EpochRecord record) {}

        @Override
        public void onBatch(int epoch, int batch, int rowsDone) {
          batches.add(epoch + ":" + batch + ":" + rowsDone);
        }
      };
      FitResult r = new FitLoop(task, plan, 2, Metric.ACCURACY, 7).fit(MlpHyperModel.network(
          task, new int[] {16}, Activation.RELU, 0, batchNorm), s.train(), s.held(), List.of(seen));
      assertThat(r.history()).hasSize(2)
          .allSatisfy(e -> assertThat(e.trainLoss()).isFinite());
      assertThat(batches).as("batch norm %s", batchNorm).isEqualTo(batchNorm
          ? List.of("1:0:33", "2:0:33") : List.of("1:0:32", "1:1:33", "2:0:32", "2:1:33"));
    }
    // the step-memory check sizes the folded batch
    assertThatThrownBy(() -> new FitLoop(task, plan.withBatchMemoryLimit(1_000), 2,
        Metric.ACCURACY, 7).fit(MlpHyperModel.network(task, new int[] {16}, Activation.RELU, 0,
        true), s.train(), s.held(), List.of()))
        .hasMessageContaining("batches of 33 samples");
    // one training row has no batch before it to join: refused by name, not by libtorch
    assertThatThrownBy(() -> new FitLoop(task, plan, 2, Metric.ACCURACY, 7).fit(
        MlpHyperModel.network(task, new int[] {16}, Activation.RELU, 0, true),
        s.train().slice(0, 1), s.held(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batch normalization needs at least 2 training rows")
        .hasMessageContaining("has 1");
    assertThat(new BatchSizeSchedule(32, 1, 1, 32).totalSteps(33, 2, true)).isEqualTo(2);
    assertThat(new BatchSizeSchedule(32, 1, 1, 32).totalSteps(33, 2)).isEqualTo(4);
  }

  @Test
  void weightsOfAnotherShapeAreRefusedWhenLoaded() {
    LabeledData d = SyntheticClassification.of(200, 6, 2, 4).generate();
    FitResult r = fit(d, TrainingPlan.of(OptimizerSpec.Adam.of(0.01), 32), 1, Metric.LOSS,
        List.of());
    Task eight = new Task(Task.Kind.BINARY, new int[] {8}, 2);
    assertThatThrownBy(() -> TrainedNetwork.load(
        MlpHyperModel.network(eight, new int[] {16}, Activation.RELU, 0, false), eight,
        r.weights()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not fit")
        .hasMessageContaining("(16, 6)").hasMessageContaining("(16, 8)");
  }

  @Test
  void learnsAThreeClassProblemWithEveryOptimizer() {
    LabeledData d = new SyntheticClassification(300, 8, 3, 1, 0, 3, 1, 2.0, 0, 5).generate();
    for (OptimizerSpec o : List.of(new OptimizerSpec.GradientDescent(0.5),
        new OptimizerSpec.Sgd(0.1), new OptimizerSpec.Momentum(0.05, 0.9),
        new OptimizerSpec.Nesterov(0.05, 0.9), OptimizerSpec.Adam.of(0.01),
        OptimizerSpec.AdamW.of(0.01, 0.01), OptimizerSpec.RmsProp.of(0.01),
        new OptimizerSpec.Adagrad(0.1, 1e-7))) {
      FitResult r = fit(d, TrainingPlan.of(o, 32), o.fullBatch() ? 20 : 3, Metric.ACCURACY,
          List.of());
      assertThat(r.best().get(Metric.ACCURACY)).as(o.kind()).isGreaterThan(0.6);
    }
  }

  @Test
  void learnsARegression() {
    SplittableRandom rng = new SplittableRandom(2);
    float[] x = new float[300 * 3];
    float[] y = new float[300];
    for (int i = 0; i < 300; i++) {
      for (int j = 0; j < 3; j++) {
        x[i * 3 + j] = (float) rng.nextGaussian();
      }
      y[i] = 2 * x[i * 3] - x[i * 3 + 1] + 0.5f * x[i * 3 + 2];
    }
    LabeledData d = LabeledData.table(x, 3, y, 0);
    FitResult r = fit(d, TrainingPlan.of(OptimizerSpec.Adam.of(0.02), 16), 3, Metric.MSE,
        List.of());
    // the target's variance is 5.25: a network that learned nothing scores about that
    assertThat(r.best().get(Metric.MSE)).isLessThan(1.0);
    assertThat(r.best().get(Metric.MAE)).isLessThan(0.8);
  }

  @Test
  void sameSeedSameFit() {
    LabeledData d = SyntheticClassification.of(200, 6, 2, 4).generate();
    TrainingPlan plan = TrainingPlan.of(new OptimizerSpec.Sgd(0.05), 16);
    FitResult a = fit(d, plan, 2, Metric.LOSS, List.of());
    FitResult b = fit(d, plan, 2, Metric.LOSS, List.of());
    assertThat(a.best().get(Metric.LOSS)).isEqualTo(b.best().get(Metric.LOSS));
    assertThat(a.weights()).isEqualTo(b.weights());
  }

  @Test
  void sameSeedSameFitWithDropout() {
    LabeledData d = SyntheticClassification.of(200, 6, 2, 4).generate();
    Split s = standardized(d);
    Task task = Task.of(d);
    TrainingPlan plan = TrainingPlan.of(OptimizerSpec.Adam.of(0.01), 16);
    List<byte[]> weights = new ArrayList<>();
    for (double dropout : new double[] {0.5, 0.5, 0}) {
      weights.add(new FitLoop(task, plan, 2, Metric.LOSS, 7).fit(
          MlpHyperModel.network(task, new int[] {32}, Activation.RELU, dropout, false), s.train(),
          s.held(), List.of()).weights());
    }
    assertThat(weights.get(0)).isEqualTo(weights.get(1));
    assertThat(weights.get(0)).as("dropout took effect").isNotEqualTo(weights.get(2));
  }

  @Test
  void fitsOnTwoThreadsShareNativeDataAndMatchAFitFromJavaArrays() throws Exception {
    LabeledData d = SyntheticClassification.of(300, 6, 2, 4).generate();
    Split s = standardized(d);
    Task task = Task.of(d);
    FitLoop loop = new FitLoop(task, TrainingPlan.of(OptimizerSpec.Adam.of(0.01), 16), 2,
        Metric.ACCURACY, 5);
    byte[] fromArrays = loop.fit(MlpHyperModel.network(task, new int[] {16}, Activation.RELU, 0,
        false), s.train(), s.held(), List.of()).weights();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (NativeData train = NativeData.of(s.train(), task);
        NativeData held = NativeData.of(s.held(), task)) {
      List<Future<byte[]>> fits = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        fits.add(pool.submit(() -> loop.fit(MlpHyperModel.network(task, new int[] {16},
            Activation.RELU, 0, false), train, held, List.of()).weights()));
      }
      for (Future<byte[]> f : fits) {
        assertThat(f.get()).isEqualTo(fromArrays);
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void nativeDataMadeForAnotherTaskIsRefused() {
    LabeledData d = SyntheticClassification.of(100, 6, 2, 4).generate();
    Task task = Task.of(d);
    Task other = new Task(Task.Kind.REGRESSION, task.inputShape(), 0);
    FitLoop loop = new FitLoop(task, TrainingPlan.of(OptimizerSpec.Adam.of(0.01), 16), 1,
        Metric.ACCURACY, 5);
    try (NativeData wrong = NativeData.of(d, other); NativeData right = NativeData.of(d, task)) {
      assertThatThrownBy(() -> loop.fit(MlpHyperModel.network(task, new int[] {4},
          Activation.RELU, 0, false), wrong, right, List.of()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("REGRESSION");
    }
  }

  @Test
  void earlyStoppingStopsAndRestoresTheEpochOfItsLastImprovement() {
    LabeledData d = SyntheticClassification.of(300, 6, 2, 4).generate();
    // no improvement can beat minDelta 10: epochs 2 and 3 are stale, patience 2 stops at 3, and
    // the weights restored are the first epoch's (Keras), though later epochs have a lower loss
    TrainingPlan plan = TrainingPlan.of(OptimizerSpec.Adam.of(0.01), 32)
        .withEarlyStopping(new EarlyStopping(Metric.LOSS, 2, 10, true));
    FitResult r = fit(d, plan, 5, Metric.LOSS, List.of());
    assertThat(r.history()).hasSize(3);
    assertThat(r.stoppedEarly()).isTrue();
    double first = r.history().get(0).validation().get(Metric.LOSS);
    assertThat(r.best().get(Metric.LOSS)).as("a later epoch is better, by less than minDelta")
        .isLessThan(first);
    Split s = standardized(d);
    Task task = Task.of(d);
    try (TrainedNetwork net = TrainedNetwork.load(MlpHyperModel.network(task, new int[] {16},
        Activation.RELU, 0, false), task, r.weights())) {
      assertThat(net.evaluate(s.held()).get(Metric.LOSS))
          .isCloseTo(first, org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  /**
   * Judged on the training rows with their labels flipped, every epoch of learning makes the
   * monitored loss worse, so the best epoch is the first; a loop made withLastEpochWeights still
   * returns the last epoch's weights, a plain one the first's.
   */
  @Test
  void lastEpochWeightsIgnoreTheBestEpoch() {
    LabeledData d = standardized(SyntheticClassification.of(300, 6, 2, 4)
        .withDifficulty(2.0, 1, 0).generate()).train();
    float[] flipped = d.labels().clone();
    for (int i = 0; i < flipped.length; i++) {
      flipped[i] = 1 - flipped[i];
    }
    LabeledData opposite = new LabeledData(d.features(), d.rows(), d.sampleShape(), flipped,
        d.classes());
    Task task = Task.of(d);
    FitLoop loop = new FitLoop(task, TrainingPlan.of(OptimizerSpec.Adam.of(0.02), 32), 4,
        Metric.LOSS, 5);
    FitResult best = loop.fit(MlpHyperModel.network(task, new int[] {16}, Activation.RELU, 0,
        false), d, opposite, List.of());
    FitResult last = loop.withLastEpochWeights().fit(MlpHyperModel.network(task, new int[] {16},
        Activation.RELU, 0, false), d, opposite, List.of());
    assertThat(best.bestEpoch()).isEqualTo(1);
    assertThat(last.bestEpoch()).isEqualTo(1);
    double lastLoss = last.history().get(3).validation().get(Metric.LOSS);
    assertThat(lastLoss).isGreaterThan(best.best().get(Metric.LOSS));
    try (TrainedNetwork a = TrainedNetwork.load(MlpHyperModel.network(task, new int[] {16},
        Activation.RELU, 0, false), task, best.weights());
        TrainedNetwork b = TrainedNetwork.load(MlpHyperModel.network(task, new int[] {16},
            Activation.RELU, 0, false), task, last.weights())) {
      assertThat(a.evaluate(opposite).get(Metric.LOSS))
          .isCloseTo(best.best().get(Metric.LOSS), org.assertj.core.data.Offset.offset(1e-6));
      assertThat(b.evaluate(opposite).get(Metric.LOSS))
          .isCloseTo(lastLoss, org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  @Test
  void schedulesAndGrowingBatchesReachTheLoop() {
    LabeledData d = SyntheticClassification.of(256, 6, 2, 4).generate();
    TrainingPlan plan = TrainingPlan.of(new OptimizerSpec.Sgd(0.1), 16)
        .withSchedule(new LearningRateSchedule.StepDecay(1, 0.5))
        .withBatchSizes(new BatchSizeSchedule(16, 2, 1, 64));
    List<EpochRecord> seen = new ArrayList<>();
    FitResult r = fit(d, plan, 3, Metric.LOSS, List.of(seen::add));
    assertThat(seen).extracting(EpochRecord::batchSize).containsExactly(16, 32, 64);
    // 192 training rows: 12 + 6 + 3 updates; the last update is number 20
    assertThat(seen.get(2).learningRate()).isEqualTo(0.1 * Math.pow(0.5, 20));
    assertThat(r.history()).isEqualTo(seen);
  }

  @Test
  void aPrunedTrialStopsTheFitAfterReporting() {
    LabeledData d = SyntheticClassification.of(200, 6, 2, 4).generate();
    List<Double> reported = new ArrayList<>();
    Trial trial = new dev.jtune.nn.model.FixedTrial(Map.of()) {
      @Override
      public void report(int step, double value) {
        reported.add(value);
      }

      @Override
      public boolean shouldPrune() {
        return reported.size() >= 2;
      }
    };
    assertThatThrownBy(() -> fit(d, TrainingPlan.defaults(), 5, Metric.ACCURACY,
        List.of(new PruningListener(trial, Metric.ACCURACY, 0))))
        .isInstanceOf(TrialPrunedException.class).hasMessageContaining("epoch 2");
    assertThat(reported).hasSize(2);
  }

  /**
   * The network [16] on 6 features with one output, batch 64 (the largest of a growing schedule),
   * Adam: input 64·6·4 = 1,536 bytes, outputs 16 + 16 + 1 per sample twice = 16,896, parameters
   * (6·16 + 16 + 16 + 1 = 129) four times = 2,064; 20,496 in all. A limit one byte below is
   * refused before training, one at the estimate trains.
   */
  @Test
  void aStepOverTheMemoryLimitIsRefusedBeforeTraining() {
    LabeledData d = SyntheticClassification.of(200, 6, 2, 4).generate();
    TrainingPlan growing = TrainingPlan.of(OptimizerSpec.Adam.of(0.01), 32)
        .withBatchSizes(new BatchSizeSchedule(32, 2, 2, 64));
    assertThatThrownBy(() -> fit(d, growing.withBatchMemoryLimit(20_495), 3, Metric.LOSS,
        List.of()))
        .hasMessageContaining("batches of 64 samples needs about")
        .hasMessageContaining("= 20496 bytes, over the limit of 20495 bytes");
    assertThat(fit(d, growing.withBatchMemoryLimit(20_496), 3, Metric.LOSS, List.of()).history())
        .hasSize(3);
  }
}
