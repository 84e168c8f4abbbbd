package dev.jtune.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The hypervolume a set of points (all objectives minimized) dominates up to a reference point,
 * exactly, for two or three objectives: the measure of the {@code pareto} benchmark, as
 * Optuna's {@code WFG} computes it for the peer. Points not strictly below the reference in every
 * objective add nothing.
 */
final class Hypervolume {
  private Hypervolume() {}

  /**
   * The hypervolume of {@code points} against {@code reference}.
   *
   * @throws IllegalArgumentException for other than 2 or 3 objectives
   */
  static double of(List<double[]> points, double[] reference) {
    List<double[]> inside = new ArrayList<>();
    for (double[] p : points) {
      boolean below = true;
      for (int i = 0; i < reference.length; i++) {
        below &= p[i] < reference[i];
      }
      if (below) {
        inside.add(p);
      }
    }
    return switch (reference.length) {
      case 2 -> area(inside, reference[0], reference[1]);
      case 3 -> volume(inside, reference);
      default -> throw new IllegalArgumentException("hypervolume of 2 or 3 objectives, got "
          + reference.length);
    };
  }

  /** The area below {@code (r0, r1)} that the points dominate: a staircase, swept by x. */
  private static double area(List<double[]> points, double r0, double r1) {
    List<double[]> sorted = new ArrayList<>(points);
    sorted.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
    double area = 0;
    double ceiling = r1;
    for (double[] p : sorted) {
      if (p[1] < ceiling) {
        area += (r0 - p[0]) * (ceiling - p[1]);
        ceiling = p[1];
      }
    }
    return area;
  }

  /** The volume: slabs between consecutive third coordinates, each a two-objective area. */
  private static double volume(List<double[]> points, double[] r) {
    List<double[]> sorted = new ArrayList<>(points);
    sorted.sort(Comparator.comparingDouble(p -> p[2]));
    double volume = 0;
    List<double[]> below = new ArrayList<>();
    for (int k = 0; k < sorted.size(); k++) {
      below.add(Arrays.copyOf(sorted.get(k), 2));
      double top = k + 1 < sorted.size() ? sorted.get(k + 1)[2] : r[2];
      double height = top - sorted.get(k)[2];
      if (height > 0) {
        volume += height * area(below, r[0], r[1]);
      }
    }
    return volume;
  }
}
