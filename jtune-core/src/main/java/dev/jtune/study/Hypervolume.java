package dev.jtune.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The hypervolume of a set of points, every objective minimized: the measure of the region that
 * the points dominate and that dominates the reference point. The standard yardstick of a
 * multi-objective study's front (turn maximized objectives to minimized ones first, e.g. with
 * {@link StudyDirection#toMinimized}), and what multi-objective TPE weighs its good trials by.
 *
 * <p>Exact: a sweep for two objectives, slabs of two-objective areas for three, and the WFG
 * algorithm (While, Bradstreet and Barone 2012) above that, as Optuna's {@code WFG}. Points that
 * are not strictly below the reference in every objective add nothing; a point with an objective
 * of negative infinity makes the volume infinite. Stateless.
 */
public final class Hypervolume {
  private Hypervolume() {}

  /**
   * The hypervolume of {@code points} (each of the reference's dimension) against
   * {@code reference}.
   *
   * @throws IllegalArgumentException naming the values if the reference is empty or not finite,
   *     a point has another dimension, or a coordinate is NaN
   */
  public static double of(List<double[]> points, double[] reference) {
    if (reference.length == 0) {
      throw new IllegalArgumentException("the reference point needs at least one objective");
    }
    for (double r : reference) {
      if (!Double.isFinite(r)) {
        throw new IllegalArgumentException("the reference point must be finite, got "
            + Arrays.toString(reference));
      }
    }
    List<double[]> inside = new ArrayList<>();
    for (double[] p : points) {
      if (p.length != reference.length) {
        throw new IllegalArgumentException("point " + Arrays.toString(p) + " has " + p.length
            + " objectives, the reference " + reference.length);
      }
      boolean below = true;
      for (int i = 0; i < p.length; i++) {
        if (Double.isNaN(p[i])) {
          throw new IllegalArgumentException("point " + Arrays.toString(p) + " has a NaN");
        }
        below &= p[i] < reference[i];
      }
      if (below) {
        inside.add(p.clone());
      }
    }
    for (double[] p : inside) {
      for (double v : p) {
        if (v == Double.NEGATIVE_INFINITY) {
          return Double.POSITIVE_INFINITY; // an unbounded box (WFG would subtract infinities)
        }
      }
    }
    return volume(inside, reference);
  }

  private static double volume(List<double[]> points, double[] r) {
    if (points.isEmpty()) {
      return 0;
    }
    return switch (r.length) {
      case 1 -> r[0] - points.stream().mapToDouble(p -> p[0]).min().orElseThrow();
      case 2 -> area(points, r[0], r[1]);
      case 3 -> slabs(points, r);
      default -> wfg(points, r);
    };
  }

  /** Two objectives: a staircase, swept by the first. */
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

  /**
   * Three objectives: slabs between consecutive third coordinates, each the area of the
   * two-objective staircase of the points below it, kept incrementally ({@code O(n^2)}).
   */
  private static double slabs(List<double[]> points, double[] r) {
    List<double[]> sorted = new ArrayList<>(points);
    sorted.sort(Comparator.comparingDouble(p -> p[2]));
    double volume = 0;
    // the staircase: x ascending, y descending; no point dominates another
    java.util.TreeMap<Double, Double> stairs = new java.util.TreeMap<>();
    for (int k = 0; k < sorted.size(); k++) {
      double[] p = sorted.get(k);
      java.util.Map.Entry<Double, Double> left = stairs.floorEntry(p[0]);
      if (left == null || left.getValue() > p[1]) {
        // not dominated: drop what it dominates (x >= p.x, y >= p.y), then add it
        java.util.Map.Entry<Double, Double> e = stairs.ceilingEntry(p[0]);
        while (e != null && e.getValue() >= p[1]) {
          stairs.remove(e.getKey());
          e = stairs.higherEntry(e.getKey());
        }
        stairs.put(p[0], p[1]);
      }
      double top = k + 1 < sorted.size() ? sorted.get(k + 1)[2] : r[2];
      double height = top - p[2];
      if (height > 0) {
        volume += height * staircase(stairs, r[0], r[1]);
      }
    }
    return volume;
  }

  /** The area a staircase (x ascending, y descending) dominates below {@code (r0, r1)}. */
  private static double staircase(java.util.TreeMap<Double, Double> stairs, double r0, double r1) {
    double area = 0;
    java.util.Map.Entry<Double, Double> e = stairs.firstEntry();
    while (e != null) {
      java.util.Map.Entry<Double, Double> next = stairs.higherEntry(e.getKey());
      double right = next == null ? r0 : next.getKey();
      area += (right - e.getKey()) * (r1 - e.getValue());
      e = next;
    }
    return area;
  }

  /**
   * WFG: the sum over the points, sorted by the first objective, of each one's exclusive part
   * against those after it: its box minus the volume of those points limited to its box.
   */
  private static double wfg(List<double[]> points, double[] r) {
    List<double[]> sorted = new ArrayList<>(nonDominated(points));
    sorted.sort(Comparator.comparingDouble(p -> p[0]));
    double total = 0;
    for (int k = 0; k < sorted.size(); k++) {
      double[] p = sorted.get(k);
      double box = 1;
      for (int i = 0; i < r.length; i++) {
        box *= r[i] - p[i];
      }
      List<double[]> limited = new ArrayList<>();
      for (int j = k + 1; j < sorted.size(); j++) {
        double[] q = sorted.get(j);
        double[] m = new double[r.length];
        for (int i = 0; i < r.length; i++) {
          m[i] = Math.max(p[i], q[i]);
        }
        limited.add(m);
      }
      total += box - volume(nonDominated(limited), r);
    }
    return total;
  }

  /** The points no other point weakly dominates (of equal points, the first). */
  private static List<double[]> nonDominated(List<double[]> points) {
    List<double[]> out = new ArrayList<>();
    for (int a = 0; a < points.size(); a++) {
      boolean dominated = false;
      for (int b = 0; b < points.size() && !dominated; b++) {
        if (a != b) {
          boolean weakly = true;
          boolean equal = true;
          for (int i = 0; i < points.get(a).length; i++) {
            weakly &= points.get(b)[i] <= points.get(a)[i];
            equal &= points.get(b)[i] == points.get(a)[i];
          }
          dominated = weakly && (!equal || b < a);
        }
      }
      if (!dominated) {
        out.add(points.get(a));
      }
    }
    return out;
  }
}
