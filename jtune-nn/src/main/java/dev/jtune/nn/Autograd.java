package dev.jtune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * A section of one thread's code in which libtorch records operations for differentiation, and the
 * backward pass that fills the parameters' gradients. Use it in try-with-resources:
 *
 * <pre>{@code
 * try (Autograd tape = Autograd.record()) {
 *   NDArray loss = ...forward...;
 *   tape.backward(loss);
 * }
 * updater.step(lr);   // outside: the update itself is not recorded
 * }</pre>
 *
 * <p>Why not DJL's {@code GradientCollector}: the PyTorch engine's collector keeps a JVM-wide flag
 * and refuses a second collector while one is open, which forbids trials training on several
 * threads at once. libtorch's grad mode is thread-local, so this class sets it per thread.
 * Thread-confined: open, use and close on the same thread.
 */
public final class Autograd implements AutoCloseable {

  private final boolean before;

  private Autograd() {
    before = JniUtils.isGradMode();
    JniUtils.setGradMode(true);
  }

  /** Starts recording on the calling thread. */
  public static Autograd record() {
    TorchRuntime.engine();
    return new Autograd();
  }

  /**
   * Back-propagates a scalar loss: adds {@code d loss / d p} to the gradient of every parameter
   * {@code p} that requires one. The graph is freed afterwards.
   */
  public void backward(NDArray loss) {
    try (NDArray seed = loss.onesLike()) {
      backward(loss, seed);
    }
  }

  /**
   * Back-propagates {@code loss} from a given output gradient {@code seed} of the same shape (a
   * scalar 1 kept for a whole fit saves creating one per step).
   */
  public void backward(NDArray loss, NDArray seed) {
    JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
  }

  /**
   * Turns recording off on the calling thread. libtorch starts every new thread with recording
   * on; code that runs a network or updates weights outside an {@code Autograd} section calls this
   * first.
   */
  public static void disableOnThisThread() {
    TorchRuntime.engine();
    JniUtils.setGradMode(false);
  }

  /** Stops recording on this thread (restores the previous mode). */
  @Override
  public void close() {
    JniUtils.setGradMode(before);
  }
}
