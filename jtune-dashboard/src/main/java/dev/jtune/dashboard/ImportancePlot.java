package dev.jtune.dashboard;

import dev.jtune.importance.ParamImportances;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The parameter importances as horizontal bars, most important on top. */
final class ImportancePlot {
  private ImportancePlot() {}

  /** The bars; {@code complete} is the study's number of complete trials, for the note. */
  static Figure of(ParamImportances importances, int complete) {
    return of(importances, complete, "Parameter importance");
  }

  /** The bars under another title (one chart per objective of a study of several). */
  static Figure of(ParamImportances importances, int complete, String title) {
    if (importances.importances().isEmpty()) {
      return Figure.empty(title, "No parameter is shared by all complete trials.");
    }
    List<Map.Entry<String, Double>> rows = List.copyOf(importances.importances().entrySet());
    int n = rows.size();
    int height = Math.max(120, 40 + 26 * n + 46);
    Chart chart = new Chart(Chart.WIDTH, height, 170);
    Scale x = Scale.linear(0, 1);
    chart.xAxis(x, "share of the explained variance");
    for (int i = 0; i < n; i++) {
      double position = 1 - (i + 0.5) / n;
      Map.Entry<String, Double> row = rows.get(i);
      chart.bar(position, 1.0 / n, row.getValue(), row.getKey() + ": "
          + Html.number(row.getValue()));
      chart.label(-0.01, position - 0.01, "end", Chart.shorten(row.getKey()));
      chart.label(row.getValue() + 0.01, position - 0.01, "start",
          String.format(java.util.Locale.ROOT, "%.3f", row.getValue()));
    }
    return new Figure(title, chart.svg(title), importances.method() + " of "
        + importances.target() + " over " + importances.trials() + " complete trials"
        + (complete > importances.trials() + importances.skipped()
            ? " (the latest of " + complete + ")" : "")
        + (importances.skipped() > 0 ? " (" + importances.skipped() + " with a non-finite value left out)" : "")
        + "; parameters that only some trials have are not included.");
  }
}
