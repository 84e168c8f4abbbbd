package dev.jtune.dashboard;

import dev.jtune.importance.MarginalSurface;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The two most important parameters together: the fANOVA forest's prediction for each pair of
 * their values, averaged over every other parameter ({@link MarginalSurface}), as a heat map
 * (darker is better), with the trials as dots. A trials-only contour (Optuna's
 * {@code plot_contour}) would mix in the other parameters' effects.
 */
final class ContourPlot {
  private ContourPlot() {}

  static Figure of(MarginalSurface surface, List<FrozenTrial> complete, StudyDirection direction) {
    String title = "The two most important parameters together";
    Optional<ParamScale> xAxis = ParamScale.of(surface.first(), complete);
    Optional<ParamScale> yAxis = ParamScale.of(surface.second(), complete);
    double low = surface.min();
    double high = surface.max();
    if (xAxis.isEmpty() || yAxis.isEmpty()) {
      return Figure.empty(title, "Their kind or choices changed between trials.");
    }
    if (!Double.isFinite(low) || !Double.isFinite(high)) {
      return Figure.empty(title, "The predicted values are not finite numbers.");
    }
    ParamScale x = xAxis.get();
    ParamScale y = yAxis.get();
    Chart chart = new Chart(Chart.WIDTH, 420, 90).xAxis(x.scale(), surface.first())
        .yAxis(y.scale(), surface.second());
    double[] xEdges = edges(x, surface.firstGrid());
    double[] yEdges = edges(y, surface.secondGrid());
    double[][] v = surface.values();
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < v[i].length; j++) {
        // in halves: values may span more than MAX_VALUE
        double t = high > low ? (v[i][j] / 2 - low / 2) / (high / 2 - low / 2) : 0.5;
        double shade = direction == StudyDirection.MINIMIZE ? t : 1 - t;
        chart.rect(xEdges[i], yEdges[j], xEdges[i + 1], yEdges[j + 1],
            "fill:hsl(215,70%," + Math.round(25 + 65 * shade) + "%)",
            surface.first() + " = " + label(surface.firstDistribution(), surface.firstGrid()[i])
                + "\n" + surface.second() + " = "
                + label(surface.secondDistribution(), surface.secondGrid()[j])
                + "\npredicted value " + Html.number(v[i][j]));
      }
    }
    for (FrozenTrial t : complete) {
      if (t.hasParam(surface.first()) && t.hasParam(surface.second())) {
        chart.dot(x.position(t), y.position(t), "onmap", Tooltips.trial(t));
      }
    }
    return new Figure(title, chart.svg(title), "The value the fANOVA forest predicts for each pair"
        + " of " + surface.first() + " and " + surface.second() + ", averaged over every other"
        + " parameter (from " + surface.trials() + " complete trials; from "
        + Html.number(low) + " to " + Html.number(high) + "); darker is better; dots are trials.");
  }

  /** Cell boundaries around the grid's positions on an axis (a band's own edges for choices). */
  private static double[] edges(ParamScale axis, double[] grid) {
    int n = grid.length;
    double[] at = Arrays.stream(grid).map(g -> axis.scale().position(g)).toArray();
    double[] edges = new double[n + 1];
    if (axis.categorical()) {
      for (int i = 0; i <= n; i++) {
        edges[i] = (double) i / n;
      }
      return edges;
    }
    for (int i = 1; i < n; i++) {
      edges[i] = (at[i - 1] + at[i]) / 2;
    }
    edges[0] = n > 1 ? Math.max(0, at[0] - (at[1] - at[0]) / 2) : 0;
    edges[n] = n > 1 ? Math.min(1, at[n - 1] + (at[n - 1] - at[n - 2]) / 2) : 1;
    return edges;
  }

  private static String label(dev.jtune.space.Distribution d, double internal) {
    Object external = d.toExternal(internal);
    return external instanceof Double value ? Html.number(value) : String.valueOf(external);
  }
}
