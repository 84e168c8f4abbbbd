package dev.jtune.nn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.jtune.nn.TorchRuntime;
import dev.jtune.nn.data.LabeledData;
import dev.jtune.nn.data.Standardizer;
import dev.jtune.nn.train.TrainedNetwork;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Keras's Normalization layer: adapted statistics, masked columns, saved with the weights. */
class NormalizationBlockTest {

  /** 40 rows of 3 features: around 500 with spread 100, around -2 with spread 0.1, constant 7. */
  private static LabeledData raw() {
    SplittableRandom rng = new SplittableRandom(3);
    float[] x = new float[40 * 3];
    float[] y = new float[40];
    for (int i = 0; i < 40; i++) {
      x[i * 3] = (float) (500 + 100 * rng.nextGaussian());
      x[i * 3 + 1] = (float) (-2 + 0.1 * rng.nextGaussian());
      x[i * 3 + 2] = 7;
      y[i] = i % 2;
    }
    return new LabeledData(x, 40, new int[] {3}, y, 2);
  }

  private static float[] forward(NormalizationBlock block, NDManager manager, LabeledData data) {
    return block.forward(new ParameterStore(manager, false),
        new NDList(manager.create(data.features(), new Shape(data.rows(), 3))), false)
        .singletonOrThrow().toFloatArray();
  }

  @Test
  void adaptedOutputsAreTheStandardizedFeatures() {
    LabeledData data = raw();
    try (NDManager manager = TorchRuntime.engine().newBaseManager()) {
      NormalizationBlock block = new NormalizationBlock();
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
      assertThat(forward(block, manager, data)).containsExactly(data.features()); // identity
      block.adapt(data);
      float[] expected = Standardizer.fit(data).apply(data).features();
      float[] actual = forward(block, manager, data);
      for (int i = 0; i < actual.length; i++) {
        assertThat(actual[i]).isCloseTo(expected[i], within(1e-4f));
      }
      assertThat(block.scales()[2]).isEqualTo(1f); // the constant column is only centred
      assertThat(actual[2]).isEqualTo(0f);
    }
  }

  @Test
  void maskedColumnsPassUnchangedAndAWrongMaskIsNamed() {
    LabeledData data = raw();
    try (NDManager manager = TorchRuntime.engine().newBaseManager()) {
      NormalizationBlock block = new NormalizationBlock(new boolean[] {true, false, true});
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
      block.adapt(data);
      float[] out = forward(block, manager, data);
      for (int i = 0; i < data.rows(); i++) {
        assertThat(out[i * 3 + 1]).isEqualTo(data.features()[i * 3 + 1]);
      }
      assertThatThrownBy(() -> new NormalizationBlock(new boolean[] {true, false})
          .initialize(manager, DataType.FLOAT32, new Shape(1, 3)))
          .hasMessageContaining("mask has 2 entries for samples of shape (3)");
      LabeledData wide = new LabeledData(new float[8], 2, new int[] {4}, new float[2], 2);
      assertThatThrownBy(() -> block.adapt(wide))
          .hasMessageContaining("3-element samples cannot adapt to samples of 4");
    }
  }

  @Test
  void onlyTheFirstLayerMayNormalize() {
    LabeledData data = raw();
    try (NDManager manager = TorchRuntime.engine().newBaseManager()) {
      ai.djl.nn.SequentialBlock first = new ai.djl.nn.SequentialBlock()
          .add(new ai.djl.nn.SequentialBlock().add(new NormalizationBlock()))
          .add(ai.djl.nn.core.Linear.builder().setUnits(2).build());
      first.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
      NormalizationBlock.adaptTo(first, data);
      assertThat(NormalizationBlock.in(first).get(0).means()[0]).isCloseTo(500f, within(40f));

      ai.djl.nn.SequentialBlock deeper = new ai.djl.nn.SequentialBlock()
          .add(ai.djl.nn.core.Linear.builder().setUnits(3).build()).add(new NormalizationBlock());
      deeper.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
      assertThatThrownBy(() -> NormalizationBlock.adaptTo(deeper, data))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must be the network's first layer");
    }
  }

  @Test
  void theStatisticsTravelWithTheWeights() throws Exception {
    LabeledData data = raw();
    Task task = new Task(Task.Kind.BINARY, new int[] {3}, 2);
    byte[] weights;
    float[] means;
    try (NDManager manager = TorchRuntime.engine().newBaseManager()) {
      NormalizationBlock block = new NormalizationBlock();
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
      block.adapt(data);
      means = block.means();
      weights = SavedParameters.of(block);
    }
    try (TrainedNetwork loaded = TrainedNetwork.load(new NormalizationBlock(), task, weights)) {
      NormalizationBlock block = (NormalizationBlock) loaded.block();
      assertThat(block.means()).containsExactly(means);
      assertThat(block.means()[0]).isCloseTo(500f, within(40f));
    }
  }
}
