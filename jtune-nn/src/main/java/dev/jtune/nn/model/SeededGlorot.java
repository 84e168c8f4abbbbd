package dev.jtune.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.SplittableRandom;

/**
 * Glorot (Xavier) uniform weights, Keras's default: {@code U(−l, l)} with
 * {@code l = √(6 / (fanIn + fanOut))}, where for a weight of shape {@code (out, in, k...)}
 * {@code fanIn = in·Πk} and {@code fanOut = out·Πk}. Values are drawn in Java from a
 * {@link SplittableRandom} seeded once per network, in the order DJL initializes parameters, so the
 * same seed gives the same network on any thread. Not thread-safe: one per network.
 */
public final class SeededGlorot implements Initializer {

  private final SplittableRandom rng;

  public SeededGlorot(long seed) {
    this.rng = new SplittableRandom(seed);
  }

  @Override
  public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    long receptive = 1;
    for (int d = 2; d < shape.dimension(); d++) {
      receptive *= shape.get(d);
    }
    long fanOut = shape.get(0) * receptive;
    long fanIn = (shape.dimension() > 1 ? shape.get(1) : 1) * receptive;
    double limit = Math.sqrt(6.0 / (fanIn + fanOut));
    float[] values = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((2 * rng.nextDouble() - 1) * limit);
    }
    return manager.create(values, shape).toType(dataType, false);
  }
}
