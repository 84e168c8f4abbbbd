package dev.jtune.sampler.tpe;

import dev.jtune.internal.NonDominatedSort;
import dev.jtune.study.Hypervolume;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Multi-objective TPE's good group (Ozaki et al. 2020, as Optuna 3.1's {@code TPESampler} runs it
 * on a study of several objectives): whole non-domination ranks while they fit, then the rest from
 * the next rank by greedy hypervolume subset selection; each good observation is then weighted by
 * its hypervolume contribution to the group, normalized so that the largest is 1. The reference
 * point of both is {@code max(1.1 w, 0.9 w)} of the points' worst values {@code w} (0 replaced by
 * {@code 1e-12}), all as Optuna computes them. Where that overflows (a penalty near
 * {@code Double.MAX_VALUE}, values of 1e160) or underflows to nothing (values of 1e-200) the
 * volumes are computed again with each objective divided by a power of two that brings its largest
 * magnitude into {@code [0.5, 1]}: exact, and apart from the 1e-12 terms the same choice and
 * weights. Points with an infinite value make
 * hypervolumes meaningless: a rank holding one is cut by trial number, and a group holding one
 * gets equal weights.
 */
final class ParetoGoodGroup {
  private static final double EPS = 1e-12;

  private ParetoGoodGroup() {}

  /**
   * Which of {@code values} (minimized, in trial order) are good, and their weights.
   *
   * @param values one minimized value vector per finished trial
   * @param count how many are good
   * @return the weight of each good point at its index, NaN at the others
   */
  static double[] select(List<double[]> values, int count) {
    int n = values.size();
    double[] weight = new double[n];
    Arrays.fill(weight, Double.NaN);
    List<Integer> good = new ArrayList<>();
    for (List<Integer> front : NonDominatedSort.fronts(n,
        (a, b) -> NonDominatedSort.dominates(values.get(a), values.get(b)))) {
      if (good.size() + front.size() <= count) {
        good.addAll(front);
        if (good.size() == count) {
          break;
        }
        continue;
      }
      good.addAll(subset(front, values, count - good.size()));
      break;
    }
    double[] w = contributions(good.stream().map(values::get).toList());
    for (int k = 0; k < good.size(); k++) {
      weight[good.get(k)] = w[k];
    }
    return weight;
  }

  /** Greedy hypervolume subset selection of {@code size} of a rank's points (1 - 1/e optimal). */
  private static List<Integer> subset(List<Integer> rank, List<double[]> values, int size) {
    List<double[]> points = rank.stream().map(values::get).toList();
    if (!finite(points)) {
      return rank.subList(0, size);
    }
    List<Integer> chosen = greedy(rank, points, size);
    if (chosen == null) {
      chosen = greedy(rank, scaled(points), size);
    }
    return chosen != null ? chosen : rank.subList(0, size);
  }

  /** The greedy subset, or {@code null} where the volumes overflowed or underflowed. */
  private static List<Integer> greedy(List<Integer> rank, List<double[]> points, int size) {
    double[] reference = reference(points);
    if (!finite(List.of(reference))) {
      return null;
    }
    double[] gain = new double[points.size()];
    for (int j = 0; j < gain.length; j++) {
      gain[j] = Hypervolume.of(List.of(points.get(j)), reference);
      if (!Double.isFinite(gain[j])) {
        return null;
      }
    }
    if (Arrays.stream(gain).allMatch(g -> g < Double.MIN_NORMAL)) {
      return null; // underflowed
    }
    List<Integer> chosen = new ArrayList<>();
    List<double[]> selected = new ArrayList<>();
    double selectedVolume = 0;
    boolean[] taken = new boolean[points.size()];
    while (chosen.size() < size) {
      int best = -1;
      for (int j = 0; j < gain.length; j++) {
        if (!taken[j] && (best < 0 || gain[j] > gain[best])) {
          best = j;
        }
      }
      taken[best] = true;
      double[] newest = points.get(best);
      for (int j = 0; j < gain.length; j++) {
        if (!taken[j]) {
          double[] overlap = new double[newest.length];
          for (int i = 0; i < overlap.length; i++) {
            overlap[i] = Math.max(newest[i], points.get(j)[i]);
          }
          List<double[]> with = new ArrayList<>(selected);
          with.add(overlap);
          gain[j] -= Hypervolume.of(with, reference) - selectedVolume;
        }
      }
      selected.add(newest);
      selectedVolume = Hypervolume.of(selected, reference);
      chosen.add(rank.get(best));
      if (!Double.isFinite(selectedVolume)) {
        return null;
      }
    }
    chosen.sort(null);
    return chosen;
  }

  /** Each point's hypervolume contribution to the set, plus 1e-12, over the largest. */
  static double[] contributions(List<double[]> points) {
    if (points.size() <= 1 || !finite(points)) {
      double[] w = new double[points.size()];
      Arrays.fill(w, 1.0);
      return w;
    }
    double[] w = contributionsOf(points);
    if (w == null) {
      w = contributionsOf(scaled(points));
    }
    if (w == null) {
      w = new double[points.size()];
      Arrays.fill(w, 1.0);
    }
    return w;
  }

  /** The normalized contributions, or {@code null} where the volumes overflowed or underflowed. */
  private static double[] contributionsOf(List<double[]> points) {
    double[] w = new double[points.size()];
    double[] reference = reference(points);
    if (!finite(List.of(reference))) {
      return null;
    }
    double all = Hypervolume.of(points, reference);
    double max = 0;
    for (int k = 0; k < w.length; k++) {
      List<double[]> others = new ArrayList<>(points);
      others.remove(k);
      w[k] = all - Hypervolume.of(others, reference) + EPS;
      max = Math.max(max, w[k]);
    }
    if (!Double.isFinite(max) || all < Double.MIN_NORMAL) {
      return null; // overflowed or underflowed
    }
    for (int k = 0; k < w.length; k++) {
      w[k] = Math.min(1, Math.max(0, w[k] / max));
    }
    return w;
  }

  /**
   * The points with each objective divided by the power of two that brings its largest magnitude
   * into {@code [0.5, 1]} (exact: only the exponent changes); an objective that is 0 everywhere
   * stays.
   */
  private static List<double[]> scaled(List<double[]> points) {
    if (!finite(points)) {
      return points;
    }
    int m = points.get(0).length;
    double[] largest = new double[m];
    for (double[] p : points) {
      for (int i = 0; i < m; i++) {
        largest[i] = Math.max(largest[i], Math.abs(p[i]));
      }
    }
    List<double[]> out = new ArrayList<>(points.size());
    for (double[] p : points) {
      double[] q = new double[m];
      for (int i = 0; i < m; i++) {
        q[i] = largest[i] == 0 ? p[i] : Math.scalb(p[i], -Math.getExponent(largest[i]) - 1);
      }
      out.add(q);
    }
    return out;
  }

  private static double[] reference(List<double[]> points) {
    double[] r = new double[points.get(0).length];
    Arrays.fill(r, Double.NEGATIVE_INFINITY);
    for (double[] p : points) {
      for (int i = 0; i < r.length; i++) {
        r[i] = Math.max(r[i], p[i]);
      }
    }
    for (int i = 0; i < r.length; i++) {
      r[i] = Math.max(1.1 * r[i], 0.9 * r[i]);
      if (r[i] == 0) {
        r[i] = EPS;
      }
    }
    return r;
  }

  private static boolean finite(List<double[]> points) {
    for (double[] p : points) {
      for (double v : p) {
        if (!Double.isFinite(v)) {
          return false;
        }
      }
    }
    return true;
  }
}
