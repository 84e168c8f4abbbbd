package dev.jtune.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.jtune.nn.GlobalGenerator;
import dev.jtune.nn.Kernels;

/**
 * Inverted dropout, as DJL's {@code Dropout} and Keras's: in training each input element is kept
 * with probability {@code 1 − rate} and scaled by {@code 1/(1 − rate)}, otherwise zeroed; in
 * inference the input passes unchanged. Drawn by {@link Kernels#dropout} (half the cost of
 * libtorch's dropout here). Saved exactly as DJL's {@code Dropout} is (version 2, no parameters),
 * so networks saved with either load with either.
 *
 * <p>Reproducible on any number of threads: the {@code k}-th training forward of a block draws its
 * mask from libtorch's generator seeded with {@code mix(seed, k)} ({@link GlobalGenerator}), where
 * the seed is the one {@link #seed} gave it ({@code FitLoop} seeds each dropout block of a network
 * from the fit's seed and the block's position). A block is used by one thread at a time.
 */
public final class DropoutBlock extends StatelessBlock {

  private final float rate;
  private long seed;
  private long draws;
  private boolean seeded;

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

  /**
   * Seeds this block's masks and starts its draws over. A block never seeded (used outside
   * {@code FitLoop}) draws from libtorch's global generator as it stands, as DJL's
   * {@code Dropout} does, so the caller's own seeding applies.
   */
  public void seed(long seed) {
    this.seed = seed;
    this.draws = 0;
    this.seeded = true;
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
      if (!seeded) {
        return new NDList(Kernels.get().dropout(x, p));
      }
      return new NDList(GlobalGenerator.drawSeeded(GlobalGenerator.mix(seed, draws++),
          () -> Kernels.get().dropout(x, p)));
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
