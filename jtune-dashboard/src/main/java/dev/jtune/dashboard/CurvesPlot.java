package dev.jtune.dashboard;

import dev.jtune.trial.FrozenTrial;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The learning curves: each trial's reported intermediate values by step, coloured by the trial's
 * state, so pruned trials show where they were stopped (Optuna's
 * {@code plot_intermediate_values}). Non-finite values are left out of a curve.
 */
final class CurvesPlot {
  static final int MAX_TRIALS = 300;

  private CurvesPlot() {}

  static Figure of(List<FrozenTrial> trials) {
    String title = "Learning curves (intermediate values)";
    List<FrozenTrial> reporting = trials.stream()
        .filter(t -> t.intermediateValues().values().stream().anyMatch(Double::isFinite))
        .toList();
    if (reporting.isEmpty()) {
      return Figure.empty(title, "No trial has reported an intermediate value "
          + "(trial.report(step, value)).");
    }
    List<FrozenTrial> shown = reporting.subList(Math.max(0, reporting.size() - MAX_TRIALS),
        reporting.size());
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    int lastStep = 0;
    for (FrozenTrial t : shown) {
      for (Map.Entry<Integer, Double> e : t.intermediateValues().entrySet()) {
        if (Double.isFinite(e.getValue())) {
          low = Math.min(low, e.getValue());
          high = Math.max(high, e.getValue());
          lastStep = Math.max(lastStep, e.getKey());
        }
      }
    }
    int firstStep = shown.stream().mapToInt(t -> t.intermediateValues().firstKey()).min()
        .orElse(0);
    Scale x = Scale.linear(Math.min(0, firstStep), Math.max(1, lastStep));
    Scale y = Scale.linear(low, high);
    Chart chart = new Chart().xAxis(x, "step").yAxis(y, "intermediate value");
    for (FrozenTrial t : shown) {
      double[] points = t.intermediateValues().entrySet().stream()
          .filter(e -> Double.isFinite(e.getValue()))
          .flatMapToDouble(e -> java.util.stream.DoubleStream.of(
              x.position(e.getKey()), y.position(e.getValue())))
          .toArray();
      String css = "curve " + t.state().name().toLowerCase(Locale.ROOT);
      if (points.length == 2) {
        chart.dot(points[0], points[1], css, Tooltips.trial(t));
      } else {
        chart.polyline(points, css, null, Tooltips.trial(t));
      }
    }
    long pruned = shown.stream().filter(t -> t.state().name().equals("PRUNED")).count();
    return new Figure(title, chart.svg(title), shown.size() + " trials" + (reporting.size()
        > shown.size() ? " (the last " + MAX_TRIALS + " of " + reporting.size() + ")" : "")
        + "; " + pruned + " pruned (orange), complete in blue, running in green, failed in grey.");
  }
}
