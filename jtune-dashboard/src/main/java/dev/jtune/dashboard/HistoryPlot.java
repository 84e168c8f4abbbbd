package dev.jtune.dashboard;

import dev.jtune.study.Feasibility;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import java.util.List;
import java.util.Locale;

/**
 * The optimization history: each complete trial's value by trial number and, for a single
 * objective, the best value so far as a step line (Optuna's {@code plot_optimization_history}).
 * In a constrained study ({@link Feasibility}) the trials that miss a constraint are drawn hollow
 * and grey, and the line follows the feasible trials only.
 */
final class HistoryPlot {
  private HistoryPlot() {}

  /**
   * The history of {@code objective}, called {@code label} (its metric name, or "objective 0"):
   * with {@code withBest} (one objective) the best-so-far line too.
   */
  static Figure of(List<FrozenTrial> complete, int objective, StudyDirection direction,
      boolean withBest, String label) {
    String title = withBest ? "Optimization history" : "Optimization history, " + label + " ("
        + direction.name().toLowerCase(Locale.ROOT) + ")";
    List<FrozenTrial> shown = complete.stream()
        .filter(t -> Double.isFinite(t.values().get(objective))).toList();
    if (shown.isEmpty()) {
      return Figure.empty(title, "No complete trial with a finite value yet.");
    }
    double low = shown.stream().mapToDouble(t -> t.values().get(objective)).min().orElseThrow();
    double high = shown.stream().mapToDouble(t -> t.values().get(objective)).max().orElseThrow();
    int last = shown.stream().mapToInt(FrozenTrial::number).max().orElseThrow();
    Scale x = Scale.linear(0, Math.max(1, last));
    Scale y = Scale.linear(low, high);
    Chart chart = new Chart().xAxis(x, "trial number").yAxis(y, label);
    boolean constrained = Feasibility.constrained(shown);
    List<FrozenTrial> feasible = Feasibility.filter(shown);
    for (FrozenTrial t : shown) {
      boolean ok = !constrained || Feasibility.feasible(t);
      chart.dot(x.position(t.number()), y.position(t.values().get(objective)),
          ok ? "trial" : "infeasible", Tooltips.trial(t) + (ok ? "" : " (infeasible)"));
    }
    List<double[]> corners = withBest ? BestSoFar.corners(feasible, objective, direction)
        : List.of();
    if (!corners.isEmpty()) {
      double[] points = new double[2 * corners.size()];
      for (int i = 0; i < corners.size(); i++) {
        points[2 * i] = x.position(corners.get(i)[0]);
        points[2 * i + 1] = y.position(corners.get(i)[1]);
      }
      chart.polyline(points, "best", null, "best " + (constrained ? "feasible " : "")
          + "value so far: " + Html.number(corners.get(corners.size() - 1)[1]));
    }
    int hidden = complete.size() - shown.size();
    return new Figure(title, chart.svg(title), shown.size() + " complete trials"
        + (constrained ? ", " + feasible.size() + " of them feasible (the others hollow)" : "")
        + (hidden > 0 ? "; " + hidden + " with an infinite value not drawn" : "")
        + (withBest ? "; the line is the best " + (constrained ? "feasible " : "")
            + "value so far." : "."));
  }
}
