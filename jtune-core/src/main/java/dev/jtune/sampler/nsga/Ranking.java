package dev.jtune.sampler.nsga;

import dev.jtune.internal.NonDominatedSort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * NSGA-II's selection (Deb et al. 2002): fast non-dominated sorting into fronts, and the crowding
 * distance that breaks ties within the last front that fits. Ties of equal crowding distance go
 * to the lower trial number, so a selection is a function of its candidates alone.
 */
final class Ranking {
  private Ranking() {}

  /**
   * The fronts of {@code population}: the first holds the individuals nobody dominates, each next
   * one those dominated only by earlier fronts; each front in the population's order.
   */
  static List<List<Individual>> fronts(List<Individual> population) {
    List<List<Individual>> fronts = new ArrayList<>();
    for (List<Integer> front : NonDominatedSort.fronts(population.size(),
        (a, b) -> population.get(a).dominates(population.get(b)))) {
      fronts.add(front.stream().map(population::get).toList());
    }
    return fronts;
  }

  /**
   * The crowding distance of each member of {@code front}, in its order: per objective, the gap
   * between a member's two neighbours divided by the objective's finite range, summed over the
   * objectives (Optuna's definition): the members at either end get infinity, an objective whose
   * values are all equal adds nothing, and a gap between two equal infinities is 0.
   */
  static double[] crowding(List<Individual> front) {
    int n = front.size();
    double[] distance = new double[n];
    if (n == 0) {
      return distance;
    }
    int objectives = front.get(0).objectives().length;
    Integer[] order = new Integer[n];
    for (int m = 0; m < objectives; m++) {
      int objective = m;
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, Comparator.comparingDouble(i -> front.get(i).objectives()[objective]));
      double first = front.get(order[0]).objectives()[m];
      double last = front.get(order[n - 1]).objectives()[m];
      if (first == last) {
        continue;
      }
      double low = Double.NaN;
      double high = Double.NaN;
      for (Integer i : order) {
        double v = front.get(i).objectives()[m];
        if (Double.isFinite(v)) {
          low = Double.isNaN(low) ? v : low;
          high = v;
        }
      }
      double width = high - low;
      if (!(width > 0) || Double.isInfinite(width)) {
        width = 1;
      }
      for (int k = 0; k < n; k++) {
        double below = k == 0 ? Double.NEGATIVE_INFINITY : front.get(order[k - 1]).objectives()[m];
        double above = k == n - 1 ? Double.POSITIVE_INFINITY
            : front.get(order[k + 1]).objectives()[m];
        double gap = below == above ? 0 : above - below;
        distance[order[k]] += gap / width;
      }
    }
    return distance;
  }

  /**
   * The {@code size} best of {@code candidates} (all of them if fewer): whole fronts in rank
   * order, then the last front's members by decreasing crowding distance, ties by trial number.
   */
  static List<Individual> elite(List<Individual> candidates, int size) {
    List<Individual> elite = new ArrayList<>(size);
    for (List<Individual> front : fronts(candidates)) {
      if (elite.size() + front.size() <= size) {
        elite.addAll(front);
        if (elite.size() == size) {
          break;
        }
        continue;
      }
      double[] distance = crowding(front);
      Integer[] order = new Integer[front.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -distance[i])
          .thenComparingInt(i -> front.get(i).number()));
      for (int k = 0; elite.size() < size; k++) {
        elite.add(front.get(order[k]));
      }
      break;
    }
    return elite;
  }
}
