package dev.jtune.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.data.Split;
import dev.jtune.nn.data.SyntheticClassification;
import dev.jtune.nn.model.Activation;
import dev.jtune.nn.model.MlpHyperModel;
import dev.jtune.nn.model.Task;
import dev.jtune.nn.optim.OptimizerSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fits that must stay reproducible and leak nothing: dropout on several threads, a network whose
 * output does not fit its loss, a loaded network's weights.
 */
class FitLoopSafetyTest {

  private static Split standardized(LabeledData all) {
    return FitLoopTest.standardized(all);
  }

  /**
   * Dropout masks depend on the fit's seed alone: two fits of one seed running at once on two
   * threads give the weights of one fit run alone (they shared libtorch's global generator).
   */
  @Test
  void fitsWithDropoutAreReproducibleOnSeveralThreads() throws Exception {
    LabeledData d = SyntheticClassification.of(300, 10, 2, 3).generate();
    Split s = standardized(d);
    Task task = Task.of(d);
    java.util.function.Supplier<byte[]> fit = () -> new FitLoop(task,
        TrainingPlan.of(OptimizerSpec.Adam.of(0.01), 16), 3, Metric.LOSS, 7)
        .withLastEpochWeights()
        .fit(MlpHyperModel.network(task, new int[] {32, 32}, Activation.RELU, 0.5, false),
            s.train(), s.held(), List.of()).weights();
    byte[] alone = fit.get();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 3; round++) {
        var a = pool.submit(fit::get);
        var b = pool.submit(fit::get);
        assertThat(a.get()).as("round %d, thread a", round).isEqualTo(alone);
        assertThat(b.get()).as("round %d, thread b", round).isEqualTo(alone);
      }
    } finally {
      pool.shutdown();
    }
  }

  /**
   * A network whose output is not what its loss needs is refused at the first step by shape,
   * before the loss kernel (which threw, and kept the batch and activations alive for good).
   */
  @Test
  void aNetworkWhoseOutputDoesNotFitTheLossIsRefusedByShape() {
    LabeledData d = new SyntheticClassification(90, 6, 3, 1, 0, 3, 1, 2.0, 0, 4).generate();
    Split s = standardized(d);
    Task task = Task.of(d);
    // says it outputs its input's 3 columns, outputs 2
    ai.djl.nn.Block lying = new ai.djl.nn.LambdaBlock(
        list -> new ai.djl.ndarray.NDList(list.head().get(":, :2")), "lying") {
      @Override
      public ai.djl.ndarray.types.Shape[] getOutputShapes(ai.djl.ndarray.types.Shape[] in) {
        return in;
      }
    };
    ai.djl.nn.SequentialBlock net = new ai.djl.nn.SequentialBlock()
        .add(ai.djl.nn.core.Linear.builder().setUnits(3).build()).add(lying);
    assertThatThrownBy(() -> new FitLoop(task, TrainingPlan.of(OptimizerSpec.Adam.of(0.01), 32), 1,
        Metric.LOSS, 7).fit(net, s.train(), s.held(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has shape (32, 2)")
        .hasMessageContaining("loss needs (32, 3)");
  }

  /** A loaded network holds its weights once: the initial arrays the file replaces are freed. */
  @Test
  void aLoadedNetworkHoldsItsWeightsOnce() {
    LabeledData d = SyntheticClassification.of(120, 6, 2, 4).generate();
    Split s = standardized(d);
    Task task = Task.of(d);
    FitResult r = new FitLoop(task, TrainingPlan.of(OptimizerSpec.Adam.of(0.01), 32), 1,
        Metric.LOSS, 7).fit(MlpHyperModel.network(task, new int[] {8}, Activation.RELU, 0, false),
        s.train(), s.held(), List.of());
    ai.djl.nn.Block block = MlpHyperModel.network(task, new int[] {8}, Activation.RELU, 0, false);
    try (TrainedNetwork net = TrainedNetwork.load(block, task, r.weights())) {
      int parameters = block.getParameters().size();
      assertThat(block.getParameters().get(0).getValue().getArray().getManager()
          .getManagedArrays()).hasSize(parameters);
      assertThat(net.evaluate(s.held()).get(Metric.LOSS)).isFinite();
    }
  }
}
