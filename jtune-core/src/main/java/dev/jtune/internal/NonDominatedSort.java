package dev.jtune.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Fast non-dominated sorting (Deb et al. 2002) of {@code n} items under any domination relation:
 * the first front holds the items nobody dominates, each next one those dominated only by items
 * of earlier fronts. {@code O(n^2)} comparisons. Stateless.
 */
public final class NonDominatedSort {
  private NonDominatedSort() {}

  /** Whether item {@code a} dominates item {@code b}; must be irreflexive and asymmetric. */
  @FunctionalInterface
  public interface Dominance {
    boolean dominates(int a, int b);
  }

  /** The fronts, each a list of item indices in increasing order. */
  public static List<List<Integer>> fronts(int n, Dominance relation) {
    int[] dominatedBy = new int[n];
    List<List<Integer>> dominates = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      dominates.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (relation.dominates(i, j)) {
          dominates.get(i).add(j);
          dominatedBy[j]++;
        } else if (relation.dominates(j, i)) {
          dominates.get(j).add(i);
          dominatedBy[i]++;
        }
      }
    }
    List<List<Integer>> fronts = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (dominatedBy[i] == 0) {
        current.add(i);
      }
    }
    while (!current.isEmpty()) {
      List<Integer> next = new ArrayList<>();
      for (int i : current) {
        for (int j : dominates.get(i)) {
          if (--dominatedBy[j] == 0) {
            next.add(j);
          }
        }
      }
      next.sort(null);
      fronts.add(current);
      current = next;
    }
    return fronts;
  }

  /**
   * Pareto domination of minimized value vectors: at least as good in every objective and better
   * in one.
   */
  public static boolean dominates(double[] a, double[] b) {
    boolean better = false;
    for (int i = 0; i < a.length; i++) {
      if (a[i] > b[i]) {
        return false;
      }
      if (a[i] < b[i]) {
        better = true;
      }
    }
    return better;
  }
}
