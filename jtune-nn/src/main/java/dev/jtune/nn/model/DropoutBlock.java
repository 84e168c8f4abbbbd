package dev.jtune.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.jtune.nn.Kernels;

/**
 * Inverted dropout, as DJL's {@code Dropout} and Keras's: in training each input element is kept
 * with probability {@code 1 − rate} and scaled by {@code 1/(1 − rate)}, otherwise zeroed; in
 * inference the input passes unchanged. Drawn by {@link Kernels#dropout} (half the cost of
 * libtorch's dropout here). Saved exactly as DJL's {@code Dropout} is (version 2, no parameters),
 * so networks saved with either load with either.
 */
public final class DropoutBlock extends StatelessBlock {

  private final float rate;

  /**
   * @param rate the probability of zeroing an element, in {@code [0, 1)}
   */
  public DropoutBlock(double rate) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("dropout rate=" + rate + " must be in [0, 1)");
    }
    this.rate = (float) rate;
  }

  /** The probability of zeroing an element. */
  public double rate() {
    return rate;
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    if (!training || rate == 0) {
      return new NDList(x);
    }
    // the kernel does not keep the rate for backward, so it is freed at once
    try (NDArray p = x.getManager().create(rate)) {
      return new NDList(Kernels.get().dropout(x, p));
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  public String toString() {
    return "Dropout(" + rate + ")";
  }
}
