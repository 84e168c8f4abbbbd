package dev.jtune.nn.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.function.Supplier;

/** A block's parameters as {@code Block.saveParameters} writes them, for save-format tests. */
final class SavedParameters {

  private SavedParameters() {}

  static byte[] of(Block block) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      block.saveParameters(out);
    }
    return bytes.toByteArray();
  }

  /**
   * Asserts that networks saved with {@code ours} load into {@code theirs} and back, and that all
   * three compute the same inference output on {@code x}.
   */
  static void assertInterchangeable(NDManager m, Supplier<Block> ours, Supplier<Block> theirs,
      NDArray x) throws Exception {
    Block saved = ours.get();
    saved.initialize(m, DataType.FLOAT32, x.getShape());
    Block other = theirs.get();
    other.initialize(m, DataType.FLOAT32, x.getShape());
    other.loadParameters(m, new DataInputStream(new ByteArrayInputStream(of(saved))));
    Block back = ours.get();
    back.initialize(m, DataType.FLOAT32, x.getShape());
    back.loadParameters(m, new DataInputStream(new ByteArrayInputStream(of(other))));
    ParameterStore store = new ParameterStore(m, false);
    float[] expected = saved.forward(store, new NDList(x), false).singletonOrThrow()
        .toFloatArray();
    assertThat(other.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray())
        .containsExactly(expected);
    assertThat(back.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray())
        .containsExactly(expected);
  }
}
