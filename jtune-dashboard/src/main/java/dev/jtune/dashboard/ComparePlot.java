package dev.jtune.dashboard;

import dev.jtune.storage.StudyRecord;
import dev.jtune.study.Feasibility;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The storage's single-objective studies side by side: each one's best value so far by trial
 * number, one coloured line per study, as a user compares samplers, pruners or search spaces
 * (Optuna's {@code plot_optimization_history} given several studies).
 */
final class ComparePlot {
  static final int MAX_STUDIES = 12;
  private static final int[] HUES = {215, 10, 130, 280, 35, 185, 330, 90, 250, 0, 160, 55};

  private ComparePlot() {}

  /** A study's curve: its name and best-so-far corners {@code (number, best)}. */
  private record Curve(String name, StudyDirection direction, List<double[]> corners) {}

  static Figure of(Map<StudyRecord, List<FrozenTrial>> studies) {
    String title = "Best value so far, study by study";
    List<Curve> all = new ArrayList<>();
    for (Map.Entry<StudyRecord, List<FrozenTrial>> e : studies.entrySet()) {
      if (e.getKey().directions().size() != 1) {
        continue;
      }
      // in a constrained study, the best feasible value so far, as the study's own history
      List<FrozenTrial> complete = Feasibility.filter(e.getValue().stream()
          .filter(t -> t.state() == TrialState.COMPLETE).toList());
      List<double[]> corners = BestSoFar.corners(complete, 0, e.getKey().directions().get(0));
      if (!corners.isEmpty()) {
        all.add(new Curve(e.getKey().name(), e.getKey().directions().get(0), corners));
      }
    }
    // the latest studies: the ones a user is comparing now
    List<Curve> curves = all.subList(Math.max(0, all.size() - MAX_STUDIES), all.size());
    boolean mixed = curves.stream().map(Curve::direction).distinct().count() > 1;
    if (curves.isEmpty()) {
      return Figure.empty(title, "No single-objective study has a complete trial yet.");
    }
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    double last = 1;
    for (Curve c : curves) {
      for (double[] corner : c.corners()) {
        low = Math.min(low, corner[1]);
        high = Math.max(high, corner[1]);
        last = Math.max(last, corner[0]);
      }
    }
    Scale x = Scale.linear(0, last);
    Scale y = Scale.linear(low, high);
    Chart chart = new Chart(Chart.WIDTH, Chart.HEIGHT, 70, 200).xAxis(x, "trial number")
        .yAxis(y, "best value so far");
    for (int i = 0; i < curves.size(); i++) {
      Curve c = curves.get(i);
      double[] points = new double[2 * c.corners().size()];
      for (int k = 0; k < c.corners().size(); k++) {
        points[2 * k] = x.position(c.corners().get(k)[0]);
        points[2 * k + 1] = y.position(c.corners().get(k)[1]);
      }
      double best = c.corners().get(c.corners().size() - 1)[1];
      String colour = "hsl(" + HUES[i % HUES.length] + ",65%,42%)";
      chart.polyline(points, "compare", "stroke:" + colour, c.name() + ": best "
          + Html.number(best));
      // a legend in the right margin: lines often end at the same value, their labels would meet
      double row = 1 - i * 0.09;
      chart.polyline(new double[] {1.03, row, 1.09, row}, "compare", "stroke:" + colour,
          c.name());
      chart.label(1.11, row - 0.015, "start", Chart.shorten(c.name(), 14));
    }
    return new Figure(title, chart.svg(title), curves.size()
        + (curves.size() == 1 ? " study" : " studies") + (mixed
        ? "; some minimize and some maximize, so compare each with its own kind" : "")
        + (studies.size() > curves.size() ? "; not drawn: multi-objective studies, studies"
            + " without a complete (and, if constrained, feasible) trial of finite value"
            + (all.size() > MAX_STUDIES
                ? ", and all but the latest " + MAX_STUDIES : "") : "") + ".");
  }
}
