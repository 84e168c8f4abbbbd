package dev.jtune.nn.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;

/**
 * An estimate of the memory one training step of a network holds at its peak, in bytes of 32-bit
 * floats: the batch's input, every layer's output for that batch twice (the forward value kept for
 * backward, and its gradient), and each trainable parameter {@code 2 + slots} times (value,
 * gradient and the optimizer's state) plus each other parameter once (batch-norm statistics).
 *
 * <p>Layer outputs are followed through {@link SequentialBlock}s child by child; any other block
 * counts as one layer (its own output only), so blocks with inner branches are underestimated.
 * Temporary buffers of the native kernels (convolution workspaces, say) are not counted. The
 * estimate is meant for a limit with some headroom, not for an exact budget.
 *
 * @param inputBytes the batch's input tensor
 * @param activationBytes the layers' outputs and their gradients
 * @param parameterBytes parameters, their gradients and optimizer state
 */
public record StepMemory(long inputBytes, long activationBytes, long parameterBytes) {

  /** The sum of the three parts. */
  public long total() {
    return inputBytes + activationBytes + parameterBytes;
  }

  /**
   * The estimate for an initialized {@code block} fed batches of {@code batch} samples of
   * {@code sampleShape} (without the batch axis), updated by an optimizer that keeps
   * {@code optimizerSlots} tensors per parameter.
   */
  public static StepMemory estimate(Block block, int batch, long[] sampleShape,
      int optimizerSlots) {
    long[] dims = new long[sampleShape.length + 1];
    dims[0] = 1;
    System.arraycopy(sampleShape, 0, dims, 1, sampleShape.length);
    Shape one = new Shape(dims);
    long perSample = walk(block, new Shape[] {one}).elements();
    long parameters = 0;
    for (Parameter p : block.getParameters().values()) {
      long size = p.getArray().size();
      parameters += size * (p.requiresGradient() ? 2 + optimizerSlots : 1);
    }
    return new StepMemory((long) batch * one.size() * Float.BYTES,
        2L * batch * perSample * Float.BYTES, parameters * Float.BYTES);
  }

  /** The elements of every layer output of {@code block} fed {@code in}, and its output shapes. */
  private record Walk(long elements, Shape[] out) {}

  /** Follows sequential blocks child by child (each child's shapes computed once). */
  private static Walk walk(Block block, Shape[] in) {
    if (block instanceof SequentialBlock) {
      long n = 0;
      Shape[] shapes = in;
      for (Block child : block.getChildren().values()) {
        Walk w = walk(child, shapes);
        n += w.elements();
        shapes = w.out();
      }
      return new Walk(n, shapes);
    }
    Shape[] out;
    try {
      out = block.getOutputShapes(in);
    } catch (RuntimeException unknown) {
      throw new IllegalArgumentException("a batch memory limit needs every layer's output shape "
          + "to estimate a step, and block " + block + " does not tell its ("
          + unknown + "): give it getOutputShapes, or train without the limit", unknown);
    }
    return new Walk(elements(out), out);
  }

  private static long elements(Shape[] shapes) {
    long n = 0;
    for (Shape s : shapes) {
      n += s.size();
    }
    return n;
  }

  @Override
  public String toString() {
    return size(total()) + " (input " + size(inputBytes) + ", layer outputs and their gradients "
        + size(activationBytes) + ", parameters with gradients and optimizer state "
        + size(parameterBytes) + ")";
  }

  /** Bytes in the largest binary unit that keeps the number at least 1 (B, KiB, MiB, GiB). */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes / 1024.0;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
