package dev.jtune.nn.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.jtune.nn.Kernels;

/**
 * Max-pooling of images {@code (n, c, h, w)} over 2x2 windows with stride 2, as DJL's
 * {@code Pool.maxPool2dBlock(new Shape(2, 2))} (an odd last row or column is dropped), run by
 * {@link Kernels#maxPool2x2}: oneDNN's kernel, several times faster than libtorch 2.7.1's native
 * one on this CPU. Saved as DJL's block is, so CNNs saved with either load with either.
 */
public final class MaxPoolBlock extends StatelessBlock {

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return new NDList(Kernels.get().maxPool2x2(inputs.singletonOrThrow()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    if (in.dimension() != 4) {
      throw new IllegalArgumentException("max-pooling takes (n, c, h, w) images, got " + in);
    }
    return new Shape[] {new Shape(in.get(0), in.get(1), in.get(2) / 2, in.get(3) / 2)};
  }

  @Override
  public String toString() {
    return "MaxPool2x2()";
  }
}
