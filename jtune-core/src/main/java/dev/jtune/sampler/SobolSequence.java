package dev.jtune.sampler;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import dev.jtune.internal.TrialSeeds;
import java.util.SplittableRandom;
import org.hipparchus.random.SobolSequenceGenerator;

/**
 * Sobol' low-discrepancy points in {@code [0, 1)^d}, optionally scrambled.
 *
 * <p>Construction (Bratley and Fox 1988; Joe and Kuo 2008): dimension 0 is the van der Corput
 * sequence in base 2; dimension {@code j > 0} uses Joe and Kuo's primitive polynomial and initial
 * direction numbers {@code new-joe-kuo-6.21201}, read from the file Hipparchus ships. Point {@code i}
 * is the XOR of the direction numbers selected by the bits of {@code i} (the natural order, not the
 * Gray-code order), so any point is computed directly from its index: what makes the sequence usable
 * by parallel workers that each know only their trial number.
 *
 * <p>Scrambling (as scipy's {@code Sobol(scramble=True)}): a random lower-triangular binary matrix
 * with unit diagonal per dimension multiplies the direction numbers (Matoušek's linear matrix
 * scrambling), then a random digital shift is XORed into every point. Scrambling keeps the
 * (t, s)-net structure but moves the first point off the origin and the second off the centre of the
 * cube. Each dimension's scrambling depends only on the seed and the dimension's index, so a
 * sequence with more dimensions extends one with fewer. Points carry {@value #BITS} bits.
 *
 * <p>Public so that model-based samplers in sub-packages can draw quasi-random candidate points;
 * it is a low-level building block, not a sampler.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class SobolSequence {
  /** Bits per coordinate. */
  public static final int BITS = 52;
  /** The most dimensions the direction-number file supports. */
  public static final int MAX_DIMENSIONS = 21201;
  private static final String RESOURCE = "/assets/org/hipparchus/random/new-joe-kuo-6.21201";
  private static final double SCALE = 1.0 / (1L << BITS);

  private final int dimensions;
  /** direction[j][k]: the direction number of dimension j for bit k of the index. */
  private final long[][] direction;
  private final long[] shift;

  /**
   * A sequence in {@code dimensions} dimensions, scrambled by {@code seed} if {@code scramble}.
   *
   * @throws IllegalArgumentException naming the value if {@code dimensions} is outside
   *     {@code [1, MAX_DIMENSIONS]}
   */
  public SobolSequence(int dimensions, boolean scramble, long seed) {
    if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
      throw new IllegalArgumentException(
          "Sobol' dimensions must be in [1, " + MAX_DIMENSIONS + "], got " + dimensions);
    }
    this.dimensions = dimensions;
    this.direction = new long[dimensions][BITS];
    this.shift = new long[dimensions];
    for (int k = 0; k < BITS; k++) {
      direction[0][k] = 1L << (BITS - 1 - k);
    }
    if (dimensions > 1) {
      readDirectionNumbers();
    }
    if (scramble) {
      for (int j = 0; j < dimensions; j++) {
        SplittableRandom rng = new SplittableRandom(TrialSeeds.mix(seed + TrialSeeds.mix(j + 1L)));
        scramble(direction[j], rng);
        shift[j] = rng.nextLong() & ((1L << BITS) - 1);
      }
    }
  }

  /** The number of dimensions. */
  public int dimensions() {
    return dimensions;
  }

  /** The point with the given index (0-based), each coordinate in {@code [0, 1)}. */
  public double[] point(long index) {
    double[] x = new double[dimensions];
    for (int j = 0; j < dimensions; j++) {
      x[j] = coordinate(index, j);
    }
    return x;
  }

  /** Coordinate {@code j} of the point with the given index, in {@code [0, 1)}. */
  public double coordinate(long index, int j) {
    if (index < 0 || index >= (1L << BITS)) {
      throw new IllegalArgumentException("Sobol' index must be in [0, 2^" + BITS + "), got " + index);
    }
    long bits = shift[j];
    long rest = index;
    for (int k = 0; rest != 0; k++, rest >>>= 1) {
      if ((rest & 1) != 0) {
        bits ^= direction[j][k];
      }
    }
    return bits * SCALE;
  }

  private void readDirectionNumbers() {
    try (InputStream in = SobolSequenceGenerator.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Sobol' direction numbers " + RESOURCE
            + " are missing from the hipparchus-core jar on the class path");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      reader.readLine(); // header: d s a m_i
      for (int j = 1; j < dimensions; j++) {
        String[] fields = reader.readLine().trim().split("\\s+");
        int s = Integer.parseInt(fields[1]);
        int a = Integer.parseInt(fields[2]);
        long[] v = direction[j];
        for (int k = 0; k < s && k < BITS; k++) {
          long m = Long.parseLong(fields[3 + k]);
          v[k] = m << (BITS - 1 - k);
        }
        for (int k = s; k < BITS; k++) {
          long value = v[k - s] ^ (v[k - s] >>> s);
          for (int i = 1; i < s; i++) {
            if (((a >>> (s - 1 - i)) & 1) != 0) {
              value ^= v[k - i];
            }
          }
          v[k] = value;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Sobol' direction numbers " + RESOURCE, e);
    }
  }

  /** Multiplies each direction number by a random unit lower-triangular matrix over GF(2). */
  private static void scramble(long[] v, SplittableRandom rng) {
    long[] rows = new long[BITS];
    for (int r = 0; r < BITS; r++) {
      long below = r == 0 ? 0 : rng.nextLong() & ~((1L << (BITS - r)) - 1) & ((1L << BITS) - 1);
      rows[r] = below | (1L << (BITS - 1 - r));
    }
    for (int k = 0; k < BITS; k++) {
      long out = 0;
      for (int r = 0; r < BITS; r++) {
        if ((Long.bitCount(rows[r] & v[k]) & 1) != 0) {
          out |= 1L << (BITS - 1 - r);
        }
      }
      v[k] = out;
    }
  }
}
