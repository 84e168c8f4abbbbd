package dev.jtune.dashboard;

import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Parallel coordinates (Optuna's {@code plot_parallel_coordinate}): one vertical axis per parameter
 * that every complete trial has, then the objective; each trial a line across them, darker the
 * better its value, so the ranges good trials pass through stand out.
 */
final class ParallelPlot {
  static final int MAX_TRIALS = 500;

  private ParallelPlot() {}

  static Figure of(List<FrozenTrial> complete, List<String> params, StudyDirection direction) {
    String title = "Parallel coordinates";
    List<FrozenTrial> finite = complete.stream()
        .filter(t -> Double.isFinite(t.values().get(0)))
        .filter(t -> params.stream().allMatch(t::hasParam)).toList();
    if (finite.size() < 2 || params.isEmpty()) {
      return Figure.empty(title, "Needs two complete trials that share a parameter.");
    }
    List<ParamScale> axes = new ArrayList<>();
    for (String name : params) {
      ParamScale.of(name, finite).ifPresent(axes::add);
    }
    if (axes.isEmpty()) {
      return Figure.empty(title, "No parameter keeps one kind and set of choices in every trial.");
    }
    Comparator<FrozenTrial> bestFirst = Comparator.comparingDouble(t -> t.values().get(0));
    if (direction == StudyDirection.MAXIMIZE) {
      bestFirst = bestFirst.reversed();
    }
    List<FrozenTrial> ranked = finite.stream().sorted(bestFirst).toList();
    List<FrozenTrial> shown = ranked.subList(0, Math.min(MAX_TRIALS, ranked.size()));
    double low = shown.stream().mapToDouble(t -> t.values().get(0)).min().orElseThrow();
    double high = shown.stream().mapToDouble(t -> t.values().get(0)).max().orElseThrow();
    Scale value = Scale.linear(low, high);
    int columns = axes.size() + 1;
    Chart chart = new Chart(Math.max(Chart.WIDTH, 130 * columns), Chart.HEIGHT + 20, 40, 70);
    for (int i = 0; i < axes.size(); i++) {
      chart.verticalAxis(column(i, columns), axes.get(i).scale(), axes.get(i).name());
    }
    chart.verticalAxis(1, value, "objective value");
    // worst first, so the best lines are drawn last, on top
    for (int r = shown.size() - 1; r >= 0; r--) {
      FrozenTrial t = shown.get(r);
      double[] points = new double[2 * columns];
      for (int i = 0; i < axes.size(); i++) {
        points[2 * i] = column(i, columns);
        points[2 * i + 1] = axes.get(i).position(t);
      }
      points[2 * axes.size()] = 1;
      points[2 * axes.size() + 1] = value.position(t.values().get(0));
      double shade = shown.size() == 1 ? 0 : (double) r / (shown.size() - 1);
      chart.polyline(points, "parallel", "stroke:hsl(215,70%," + Math.round(25 + 55 * shade)
          + "%)", Tooltips.trial(t));
    }
    List<String> left = params.stream()
        .filter(p -> axes.stream().noneMatch(a -> a.name().equals(p))).toList();
    return new Figure(title, chart.svg(title), shown.size() + " complete trials"
        + (ranked.size() > shown.size() ? " (the best " + MAX_TRIALS + " of " + ranked.size() + ")"
            : "") + "; darker is better" + (left.isEmpty() ? "" : "; not drawn: " + left) + ".");
  }

  private static double column(int i, int columns) {
    return (double) i / (columns - 1);
  }
}
