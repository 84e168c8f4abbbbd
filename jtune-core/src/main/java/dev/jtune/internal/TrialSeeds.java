package dev.jtune.internal;

import java.util.SplittableRandom;

/**
 * Per-trial random streams. A seeded sampler derives the randomness of each draw from its seed, the
 * trial's number and a label (usually the parameter name), never from shared mutable state, so a
 * seeded study suggests the same values however threads interleave and in whatever order an
 * objective suggests its parameters.
 */
public final class TrialSeeds {
  private TrialSeeds() {}

  /**
   * An independent stream for one (seed, trial number, label) triple. Every character of the label
   * enters the stream's seed, so two labels get the same stream only by a 64-bit coincidence (not,
   * as with {@code String.hashCode()}, for names such as {@code "Aa"} and {@code "BB"}).
   */
  public static SplittableRandom random(long seed, int trialNumber, String label) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    h = mix(h ^ (trialNumber * 0xBF58476D1CE4E5B9L));
    h = mix(h ^ label.length() * 0x94D049BB133111EBL);
    for (int i = 0; i < label.length(); i++) {
      h = mix(h ^ label.charAt(i));
    }
    return new SplittableRandom(h);
  }

  /** A fresh seed for an unseeded sampler. */
  public static long randomSeed() {
    return new java.security.SecureRandom().nextLong();
  }

  /** Stafford's variant 13 of the SplitMix64 finalizer: a bijective 64-bit mixer. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
