package dev.jtune.dashboard;

import dev.jtune.study.Feasibility;
import dev.jtune.trial.FrozenTrial;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The first two objectives of a multi-objective study against each other, the Pareto-optimal trials
 * highlighted (Optuna's {@code plot_pareto_front}).
 */
final class ParetoPlot {
  private ParetoPlot() {}

  /** The first two objectives, called {@code labels} (metric names, or "objective 0", ...). */
  static Figure of(List<FrozenTrial> complete, List<FrozenTrial> front, List<String> labels) {
    String title = "Pareto front (" + labels.get(0) + " and " + labels.get(1) + ")";
    List<FrozenTrial> finite = complete.stream()
        .filter(t -> Double.isFinite(t.values().get(0)) && Double.isFinite(t.values().get(1)))
        .toList();
    if (finite.isEmpty()) {
      return Figure.empty(title, "No complete trial with finite values yet.");
    }
    Scale x = axis(finite, 0);
    Scale y = axis(finite, 1);
    Set<Integer> best = front.stream().map(FrozenTrial::number).collect(Collectors.toSet());
    long drawnFront = finite.stream().filter(t -> best.contains(t.number())).count();
    Chart chart = new Chart().xAxis(x, labels.get(0)).yAxis(y, labels.get(1));
    boolean constrained = Feasibility.constrained(finite);
    long infeasible = 0;
    for (FrozenTrial t : finite) {
      boolean ok = !constrained || Feasibility.feasible(t);
      infeasible += ok ? 0 : 1;
      chart.dot(x.position(t.values().get(0)), y.position(t.values().get(1)),
          !ok ? "infeasible" : best.contains(t.number()) ? "front" : "trial",
          Tooltips.trial(t) + (ok ? "" : " (infeasible)"));
    }
    int hidden = complete.size() - finite.size();
    return new Figure(title, chart.svg(title), finite.size() + " complete trials; "
        + (constrained ? infeasible + " infeasible (hollow, off the front); " : "")
        + (x instanceof Scale.Log || y instanceof Scale.Log ? "log axis where the values span "
            + "two decades or more; " : "")
        + drawnFront + " on the Pareto front (red)" + (hidden > 0 ? "; " + hidden
            + " with a non-finite value not drawn" : "") + ".");
  }

  /**
   * Objective {@code i}'s axis: logarithmic when its values are all positive and span two decades
   * or more (a parameter count, a latency), so that the small end of the front is not squeezed
   * against the axis; linear otherwise.
   */
  static Scale axis(List<FrozenTrial> finite, int i) {
    double low = finite.stream().mapToDouble(t -> t.values().get(i)).min().orElseThrow();
    double high = finite.stream().mapToDouble(t -> t.values().get(i)).max().orElseThrow();
    return low > 0 && high / low >= 100 ? Scale.log(low, high) : Scale.linear(low, high);
  }
}
