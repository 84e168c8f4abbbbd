package dev.jtune.nn.data;

import java.util.random.RandomGenerator;

/** Seeded Fisher–Yates permutations, shared by the generators and splitters of this package. */
final class Permutations {

  private Permutations() {}

  /** {@code 0..n-1} in a uniformly random order. */
  static int[] shuffled(int n, RandomGenerator rng) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    shuffle(p, rng);
    return p;
  }

  /** Shuffles {@code a} in place. */
  static void shuffle(int[] a, RandomGenerator rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
