package dev.jtune.dashboard;

import dev.jtune.study.Hypervolume;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The hypervolume history of a study of several objectives (optuna-dashboard's): the hypervolume
 * of the complete trials so far, by trial number, as a step line with a dot where a trial
 * improved it. The reference point lies 10% of each objective's range beyond its worst value (1
 * beyond where the values never differ), so every trial counts; the caption prints it. Drawn for
 * two or three objectives (the exact hypervolume of more grows exponentially).
 */
final class HypervolumePlot {
  private static final String TITLE = "Hypervolume history";

  private HypervolumePlot() {}

  /** The plot of {@code complete} (in trial-number order) under {@code directions}. */
  static Figure of(List<FrozenTrial> complete, List<StudyDirection> directions) {
    List<FrozenTrial> shown = new ArrayList<>();
    List<double[]> points = new ArrayList<>();
    for (FrozenTrial t : complete) {
      double[] p = new double[directions.size()];
      boolean finite = t.values().size() == p.length;
      for (int i = 0; i < p.length && finite; i++) {
        p[i] = directions.get(i).toMinimized(t.values().get(i));
        finite = Double.isFinite(p[i]);
      }
      if (finite) {
        shown.add(t);
        points.add(p);
      }
    }
    if (directions.size() > 3) {
      return Figure.empty(TITLE, "Drawn for two or three objectives; this study has "
          + directions.size() + ".");
    }
    if (shown.isEmpty()) {
      return Figure.empty(TITLE, "No complete trial with finite values yet.");
    }
    double[] reference = reference(points);
    // the front so far; the hypervolume changes only when a trial enters it
    List<double[]> front = new ArrayList<>();
    List<double[]> corners = new ArrayList<>();
    List<FrozenTrial> improving = new ArrayList<>();
    List<Double> volumes = new ArrayList<>();
    double volume = 0;
    for (int k = 0; k < points.size(); k++) {
      double[] p = points.get(k);
      if (front.stream().noneMatch(q -> weaklyDominates(q, p))) {
        front.removeIf(q -> weaklyDominates(p, q));
        front.add(p);
        double next = Hypervolume.of(front, reference);
        if (!corners.isEmpty()) {
          corners.add(new double[] {shown.get(k).number(), volume});
        }
        corners.add(new double[] {shown.get(k).number(), next});
        improving.add(shown.get(k));
        volumes.add(next);
        volume = next;
      }
    }
    if (!Double.isFinite(volume)) {
      return Figure.empty(TITLE, "The objectives' values are too far apart for a finite "
          + "hypervolume.");
    }
    int last = shown.get(shown.size() - 1).number();
    corners.add(new double[] {last, volume});
    Scale x = Scale.linear(0, Math.max(1, last));
    Scale y = Scale.linear(volumes.get(0), volume);
    Chart chart = new Chart().xAxis(x, "trial number").yAxis(y, "hypervolume");
    double[] line = new double[2 * corners.size()];
    for (int i = 0; i < corners.size(); i++) {
      line[2 * i] = x.position(corners.get(i)[0]);
      line[2 * i + 1] = y.position(corners.get(i)[1]);
    }
    chart.polyline(line, "best", null, "hypervolume so far: " + Html.number(volume));
    for (int i = 0; i < improving.size(); i++) {
      chart.dot(x.position(improving.get(i).number()), y.position(volumes.get(i)), "front",
          Tooltips.trial(improving.get(i)) + "\nhypervolume " + Html.number(volumes.get(i)));
    }
    StringBuilder ref = new StringBuilder();
    for (int i = 0; i < reference.length; i++) {
      ref.append(i == 0 ? "" : ", ").append(Html.number(directions.get(i).toMinimized(
          reference[i])));
    }
    int hidden = complete.size() - shown.size();
    return new Figure(TITLE, chart.svg(TITLE), shown.size() + " complete trials"
        + (hidden > 0 ? "; " + hidden + " with a non-finite value not counted" : "")
        + "; hypervolume " + Html.number(volume) + " against the reference point (" + ref
        + "), 10% of each objective's range beyond its worst value; " + improving.size()
        + " trials improved it (dots).");
  }

  /** 10% of each objective's range beyond its worst (largest minimized) value, or 1 beyond. */
  static double[] reference(List<double[]> points) {
    int m = points.get(0).length;
    double[] low = new double[m];
    double[] high = new double[m];
    Arrays.fill(low, Double.POSITIVE_INFINITY);
    Arrays.fill(high, Double.NEGATIVE_INFINITY);
    for (double[] p : points) {
      for (int i = 0; i < m; i++) {
        low[i] = Math.min(low[i], p[i]);
        high[i] = Math.max(high[i], p[i]);
      }
    }
    double[] r = new double[m];
    for (int i = 0; i < m; i++) {
      double pad = 0.1 * (high[i] / 2 - low[i] / 2) * 2;
      r[i] = high[i] + (pad > 0 && Double.isFinite(pad) ? pad : 1);
      if (!Double.isFinite(r[i])) {
        r[i] = high[i]; // the worst trials then add nothing; the rest still count
      }
    }
    return r;
  }

  private static boolean weaklyDominates(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] > b[i]) {
        return false;
      }
    }
    return true;
  }
}
