package dev.jtune.nn;

import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * libtorch's global CPU random generator, the one its random operations (jtune's dropout masks)
 * draw from. It is one per process, so fits on several threads would take their numbers from one
 * stream in whatever order the threads interleave. Every seeded draw therefore reseeds it and
 * draws under one lock: a draw depends only on its own seed, on any number of threads.
 *
 * <p>Thread-safe. Reseeding costs a few microseconds (the Mersenne Twister's state); a draw holds
 * the lock only while libtorch fills the one tensor. Random operations that do not go through this
 * class (DJL's own {@code Dropout} in a user's block) can still run between the reseed and the
 * draw on another thread: a study that trains such blocks on several threads at once is not
 * reproducible, jtune's own dropout in it included.
 */
public final class GlobalGenerator {
  private static final Object LOCK = new Object();

  private GlobalGenerator() {}

  /** Runs {@code draw} with the generator seeded with {@code seed}, no other thread in between. */
  public static <T> T drawSeeded(long seed, Supplier<T> draw) {
    synchronized (LOCK) {
      JniUtils.setSeed(seed);
      return draw.get();
    }
  }

  /** Seeds the generator (for random operations of user blocks outside {@link #drawSeeded}). */
  public static void seed(long seed) {
    synchronized (LOCK) {
      JniUtils.setSeed(seed);
    }
  }

  /**
   * A well-mixed 64-bit seed from {@code base} and {@code index} (SplitMix64's finalizer), so that
   * neighbouring indexes of one base, or equal indexes of neighbouring bases, give unrelated
   * streams.
   */
  public static long mix(long base, long index) {
    long z = base + (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
