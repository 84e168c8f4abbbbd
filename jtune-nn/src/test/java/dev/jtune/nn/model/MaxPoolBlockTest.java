package dev.jtune.nn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import dev.jtune.nn.Autograd;
import dev.jtune.nn.TorchRuntime;
import org.junit.jupiter.api.Test;

/** jtune's 2x2 max-pool (oneDNN's kernel) against DJL's (libtorch's native one). */
class MaxPoolBlockTest {

  /**
   * Even (26x26) and odd (11x11: the last row and column dropped) images of random values: the
   * same outputs and the same gradient of a weighted sum, in training and in inference mode.
   */
  @Test
  void outputsAndGradientsMatchDjlsMaxPool() {
    Autograd.disableOnThisThread();
    for (Shape shape : new Shape[] {new Shape(4, 3, 26, 26), new Shape(2, 5, 11, 11)}) {
      try (NDManager m = TorchRuntime.engine().newBaseManager()) {
        NDArray x = m.randomNormal(shape);
        Block ours = new MaxPoolBlock();
        Block djl = Pool.maxPool2dBlock(new Shape(2, 2));
        ours.initialize(m, DataType.FLOAT32, shape);
        djl.initialize(m, DataType.FLOAT32, shape);
        assertThat(ours.getOutputShapes(new Shape[] {shape}))
            .containsExactly(djl.getOutputShapes(new Shape[] {shape}));
        float[][] outputs = new float[2][];
        float[][] gradients = new float[2][];
        Block[] blocks = {ours, djl};
        for (int b = 0; b < 2; b++) {
          NDArray input = x.duplicate();
          input.setRequiresGradient(true);
          try (Autograd tape = Autograd.record()) {
            NDArray y = blocks[b].forward(new ParameterStore(m, false), new NDList(input), true)
                .singletonOrThrow();
            outputs[b] = y.toFloatArray();
            NDArray weights = m.arange((float) y.size()).reshape(y.getShape());
            tape.backward(y.mul(weights).sum());
          }
          gradients[b] = input.getGradient().toFloatArray();
        }
        assertThat(outputs[0]).containsExactly(outputs[1]);
        assertThat(gradients[0]).containsExactly(gradients[1]);
        float[] inference = ours.forward(new ParameterStore(m, false), new NDList(x), false)
            .singletonOrThrow().toFloatArray();
        assertThat(inference).containsExactly(outputs[1]);
      }
    }
  }

  /** NaN propagates as in libtorch's native kernel (oneDNN's alone would return 6 here). */
  @Test
  void aNanInAWindowIsItsMaximum() {
    Autograd.disableOnThisThread();
    try (NDManager m = TorchRuntime.engine().newBaseManager()) {
      NDArray x = m.create(new float[] {1, Float.NaN, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
          16}, new Shape(1, 1, 4, 4));
      Block ours = new MaxPoolBlock();
      ours.initialize(m, DataType.FLOAT32, x.getShape());
      float[] out = ours.forward(new ParameterStore(m, false), new NDList(x), false)
          .singletonOrThrow().toFloatArray();
      assertThat(out[0]).isNaN();
      assertThat(out).endsWith(8f, 14f, 16f);
    }
  }

  /** libtorch's x86-64 builds carry oneDNN; elsewhere the native kernel is the fallback. */
  @Test
  void oneDnnRunsOnX8664() {
    String kernel = dev.jtune.nn.Kernels.get().maxPoolKernel();
    if (System.getProperty("os.arch").matches("amd64|x86_64")) {
      assertThat(kernel).isEqualTo("oneDNN");
    } else {
      assertThat(kernel).isIn("oneDNN", "native");
    }
  }

  @Test
  void savedLikeDjlsPoolSoEitherLoadsTheOther() throws Exception {
    Autograd.disableOnThisThread();
    try (NDManager m = TorchRuntime.engine().newBaseManager()) {
      SavedParameters.assertInterchangeable(m, () -> net(new MaxPoolBlock()),
          () -> net(Pool.maxPool2dBlock(new Shape(2, 2))), m.randomNormal(new Shape(1, 1, 8, 8)));
    }
  }

  @Test
  void anInputThatIsNotAnImageBatchIsNamed() {
    assertThatThrownBy(() -> new MaxPoolBlock().getOutputShapes(new Shape[] {new Shape(4, 9)}))
        .hasMessageContaining("(n, c, h, w)").hasMessageContaining("(4, 9)");
  }

  private static Block net(Block pool) {
    return new SequentialBlock().add(Conv2d.builder().setFilters(2)
        .setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build()).add(pool);
  }

}
