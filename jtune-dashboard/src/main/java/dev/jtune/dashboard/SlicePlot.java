package dev.jtune.dashboard;

import dev.jtune.trial.FrozenTrial;
import java.util.List;
import java.util.Optional;

/**
 * One small chart per parameter: each complete trial's value against the parameter's value
 * (Optuna's {@code plot_slice}), on the scale the parameter was searched on.
 */
final class SlicePlot {
  /** Dots per chart: the latest complete trials beyond this many are left out. */
  static final int MAX_TRIALS = 1000;

  private SlicePlot() {}

  static Figure of(List<FrozenTrial> complete, List<String> params) {
    String title = "Objective value by parameter";
    List<FrozenTrial> all = complete.stream()
        .filter(t -> Double.isFinite(t.values().get(0))).toList();
    List<FrozenTrial> finite = all.subList(Math.max(0, all.size() - MAX_TRIALS), all.size());
    if (finite.isEmpty() || params.isEmpty()) {
      return Figure.empty(title, finite.isEmpty() ? "No complete trial with a finite value yet."
          : "The trials have no parameters.");
    }
    double low = finite.stream().mapToDouble(t -> t.values().get(0)).min().orElseThrow();
    double high = finite.stream().mapToDouble(t -> t.values().get(0)).max().orElseThrow();
    Scale y = Scale.linear(low, high);
    StringBuilder svgs = new StringBuilder("<div class=\"grid\">\n");
    StringBuilder skipped = new StringBuilder();
    for (String name : params) {
      Optional<ParamScale> axis = ParamScale.of(name, finite);
      if (axis.isEmpty()) {
        skipped.append(skipped.length() == 0 ? "" : ", ").append(name);
        continue;
      }
      Chart chart = new Chart(370, 240, 60).xAxis(axis.get().scale(), name).yAxis(y, "value");
      for (FrozenTrial t : finite) {
        if (t.hasParam(name)) {
          chart.dot(axis.get().position(t), y.position(t.values().get(0)), "trial",
              Tooltips.trial(t, name));
        }
      }
      svgs.append(chart.svg(name));
    }
    svgs.append("</div>\n");
    return new Figure(title, svgs.toString(), finite.size() + " complete trials"
        + (all.size() > finite.size() ? " (the latest of " + all.size() + ")" : "")
        + (skipped.length() > 0 ? "; not drawn (their kind or choices changed between trials): "
            + skipped : "") + ".");
  }
}
