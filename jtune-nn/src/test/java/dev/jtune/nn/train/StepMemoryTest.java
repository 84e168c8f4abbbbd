package dev.jtune.nn.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import dev.jtune.nn.TorchRuntime;
import dev.jtune.nn.model.MlpHyperModel;
import dev.jtune.nn.model.Task;
import org.junit.jupiter.api.Test;

/** The step-memory estimate against sizes counted by hand for the Fashion-MNIST networks. */
class StepMemoryTest {

  private static StepMemory estimate(Block block, long[] sample, int batch, int slots) {
    try (NDManager manager = TorchRuntime.engine().newBaseManager()) {
      long[] dims = new long[sample.length + 1];
      dims[0] = 1;
      System.arraycopy(sample, 0, dims, 1, sample.length);
      block.initialize(manager, DataType.FLOAT32, new Shape(dims));
      return StepMemory.estimate(block, batch, sample, slots);
    }
  }

  /**
   * 784-256-128-10 with ReLU and dropout, batch 128, Adam. Outputs per sample: 256 (linear) + 256
   * (relu) + 256 (dropout) + 128 + 128 + 128 + 10 = 1,162. Parameters: 784·256 + 256 + 256·128 +
   * 128 + 128·10 + 10 = 235,146, each held 4 times (value, gradient, two moments).
   */
  /** A block that cannot tell its output shape is named, not a bare UnsupportedOperationException. */
  @Test
  void aBlockWithoutOutputShapesIsNamed() {
    SequentialBlock net = new SequentialBlock().add(Linear.builder().setUnits(4).build())
        .add(new ai.djl.nn.LambdaBlock(list -> list, "opaque") {
          @Override
          public Shape[] getOutputShapes(Shape[] inputShapes) {
            throw new UnsupportedOperationException("unknown");
          }

          @Override
          public String toString() {
            return "Opaque";
          }
        });
    try (NDManager manager = TorchRuntime.engine().newBaseManager()) {
      net.getChildren().get(0).getValue().initialize(manager, DataType.FLOAT32, new Shape(1, 3));
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> StepMemory.estimate(net, 8, new long[] {3}, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("block Opaque does not tell its")
          .hasMessageContaining("train without the limit");
    }
  }

  @Test
  void mlpWithDropoutUnderAdam() {
    Task task = new Task(Task.Kind.MULTICLASS, new int[] {784}, 10);
    StepMemory m = estimate(MlpHyperModel.network(task, new int[] {256, 128},
        dev.jtune.nn.model.Activation.RELU, 0.5, false), new long[] {784}, 128, 2);
    assertThat(m.inputBytes()).isEqualTo(128L * 784 * 4);
    assertThat(m.activationBytes()).isEqualTo(2L * 128 * 1162 * 4);
    assertThat(m.parameterBytes()).isEqualTo(235_146L * 4 * 4);
    assertThat(m.total()).isEqualTo(401_408L + 1_189_888L + 3_762_336L);
    assertThat(m.toString()).isEqualTo("5.1 MiB (input 392.0 KiB, layer outputs and their "
        + "gradients 1.1 MiB, parameters with gradients and optimizer state 3.6 MiB)");
    assertThat(StepMemory.size(1023)).isEqualTo("1023 B");
    assertThat(StepMemory.size(1536)).isEqualTo("1.5 KiB");
    assertThat(StepMemory.size(3L << 30)).isEqualTo("3.0 GiB");
  }

  /**
   * Batch norm adds its output (256 + 128 per sample) and 2·(256 + 128) trainable parameters
   * (scale and shift, held twice under SGD) plus 2·(256 + 128) running statistics held once.
   */
  @Test
  void batchNormStatisticsCountOnceAndSgdKeepsNoState() {
    Task task = new Task(Task.Kind.MULTICLASS, new int[] {784}, 10);
    StepMemory m = estimate(MlpHyperModel.network(task, new int[] {256, 128},
        dev.jtune.nn.model.Activation.RELU, 0, true), new long[] {784}, 32, 0);
    long outputs = 256 + 256 + 256 + 128 + 128 + 128 + 10; // linear, norm, relu per layer
    assertThat(m.activationBytes()).isEqualTo(2L * 32 * outputs * 4);
    assertThat(m.parameterBytes()).isEqualTo(((235_146L + 768) * 2 + 768) * 4);
  }

  /**
   * The small CNN on 1x28x28: conv32 3x3 → 32x26x26 = 21,632, relu 21,632, pool 32x13x13 = 5,408,
   * conv64 → 64x11x11 = 7,744, relu 7,744, pool 64x5x5 = 1,600, flatten 1,600, dense 128, relu
   * 128, dense 10: 67,626 per sample. Nested sequential blocks are followed into.
   */
  @Test
  void cnnLayersAreFollowedThroughNestedSequentialBlocks() {
    SequentialBlock features = new SequentialBlock()
        .add(Conv2d.builder().setFilters(32).setKernelShape(new Shape(3, 3)).build())
        .add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2)))
        .add(Conv2d.builder().setFilters(64).setKernelShape(new Shape(3, 3)).build())
        .add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2)));
    SequentialBlock net = new SequentialBlock().add(features).add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(128).build()).add(Activation.reluBlock())
        .add(Linear.builder().setUnits(10).build());
    StepMemory m = estimate(net, new long[] {1, 28, 28}, 64, 1);
    assertThat(m.activationBytes()).isEqualTo(2L * 64 * 67_626 * 4);
    long parameters = 32 * 9 + 32 + 64 * 32 * 9 + 64 + 1600 * 128 + 128 + 128 * 10 + 10;
    assertThat(m.parameterBytes()).isEqualTo(parameters * 3 * 4);
    assertThat(m.inputBytes()).isEqualTo(64L * 784 * 4);
  }
}
