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
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import dev.jtune.nn.Autograd;
import dev.jtune.nn.TorchRuntime;
import org.junit.jupiter.api.Test;

class DropoutBlockTest {

  private static final int N = 100_000;

  @Test
  void trainingKeepsOneMinusRateScaledAndRoutesTheGradientThroughTheMask() {
    Autograd.disableOnThisThread();
    try (NDManager m = TorchRuntime.engine().newBaseManager()) {
      DropoutBlock block = new DropoutBlock(0.3);
      block.initialize(m, DataType.FLOAT32, new Shape(N));
      NDArray x = m.ones(new Shape(N));
      x.setRequiresGradient(true);
      float[] y;
      try (Autograd tape = Autograd.record()) {
        NDArray out = block.forward(new ParameterStore(m, false), new NDList(x), true)
            .singletonOrThrow();
        y = out.toFloatArray();
        tape.backward(out.sum());
      }
      float[] grad = x.getGradient().toFloatArray();
      int kept = 0;
      for (int i = 0; i < N; i++) {
        assertThat(y[i]).isIn(0f, 1f / 0.7f);
        assertThat(grad[i]).isEqualTo(y[i]);   // d(sum)/dx = mask / (1 - rate)
        kept += y[i] > 0 ? 1 : 0;
      }
      // Binomial(N, 0.7): standard deviation 145
      assertThat(kept).isBetween(70_000 - 600, 70_000 + 600);
    }
  }

  @Test
  void inferencePassesTheInputUnchanged() {
    try (NDManager m = TorchRuntime.engine().newBaseManager()) {
      DropoutBlock block = new DropoutBlock(0.5);
      block.initialize(m, DataType.FLOAT32, new Shape(4));
      NDArray x = m.create(new float[] {1, 2, 3, 4});
      NDArray out = block.forward(new ParameterStore(m, false), new NDList(x), false)
          .singletonOrThrow();
      assertThat(out.toFloatArray()).containsExactly(1, 2, 3, 4);
    }
  }

  @Test
  void sameSeedSameMask() {
    Autograd.disableOnThisThread();
    float[][] masks = new float[2][];
    for (int r = 0; r < 2; r++) {
      try (NDManager m = TorchRuntime.engine().newBaseManager()) {
        DropoutBlock block = new DropoutBlock(0.5);
        block.seed(42);
        block.initialize(m, DataType.FLOAT32, new Shape(1000));
        masks[r] = block.forward(new ParameterStore(m, false), new NDList(m.ones(new Shape(1000))),
            true).singletonOrThrow().toFloatArray();
      }
    }
    assertThat(masks[1]).containsExactly(masks[0]);
  }

  /** A block never seeded draws as DJL's Dropout does, from the generator the caller seeded. */
  @Test
  void anUnseededBlockFollowsTheCallersSeed() {
    Autograd.disableOnThisThread();
    float[][] masks = new float[3][];
    long[] seeds = {42, 42, 43};
    for (int r = 0; r < 3; r++) {
      try (NDManager m = TorchRuntime.engine().newBaseManager()) {
        dev.jtune.nn.GlobalGenerator.seed(seeds[r]);
        DropoutBlock block = new DropoutBlock(0.5);
        block.initialize(m, DataType.FLOAT32, new Shape(1000));
        masks[r] = block.forward(new ParameterStore(m, false), new NDList(m.ones(new Shape(1000))),
            true).singletonOrThrow().toFloatArray();
      }
    }
    assertThat(masks[1]).containsExactly(masks[0]);
    assertThat(masks[2]).isNotEqualTo(masks[0]);
  }

  @Test
  void savedLikeDjlDropoutSoEitherLoadsTheOther() throws Exception {
    try (NDManager m = TorchRuntime.engine().newBaseManager()) {
      SavedParameters.assertInterchangeable(m, () -> net(new DropoutBlock(0.2)),
          () -> net(Dropout.builder().optRate(0.2f).build()),
          m.create(new float[] {1, -2, 3}, new Shape(1, 3)));
    }
  }

  @Test
  void rateOutsideZeroToOneIsRefusedByName() {
    assertThatThrownBy(() -> new DropoutBlock(1.0)).hasMessageContaining("rate=1.0");
    assertThatThrownBy(() -> new DropoutBlock(Double.NaN)).hasMessageContaining("rate=NaN");
  }

  private static Block net(Block dropout) {
    return new SequentialBlock().add(Linear.builder().setUnits(4).build()).add(dropout)
        .add(Linear.builder().setUnits(2).build());
  }

}
