package dev.jtune.dashboard;

import dev.jtune.study.Hypervolume;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The hypervolume history of a study of several objectives (optuna-dashboard's): the share of a
 * box that the complete trials so far dominate, by trial number, as a step line with a dot where
 * a trial improved it. The box runs from the best value of each objective over the whole study
 * to a reference point 10% of the objective's range beyond its worst value (10% of its magnitude,
 * or 1, where the values never differ), so every trial counts and the share lies in
 * {@code [0, 1]} whatever the objectives' units (a reference beyond {@code MAX_VALUE} stops there,
 * and the trials at it then add nothing); the caption prints the reference point. Drawn for
 * two or three objectives (the exact hypervolume of more grows exponentially); of many improving
 * trials, {@value #MAX_POINTS} evenly spaced ones are computed and drawn.
 */
final class HypervolumePlot {
  private static final String TITLE = "Hypervolume history";
  static final int MAX_POINTS = 150;

  private HypervolumePlot() {}

  /** The plot of {@code complete} (in trial-number order) under {@code directions}. */
  static Figure of(List<FrozenTrial> complete, List<StudyDirection> directions) {
    if (directions.size() > 3) {
      return Figure.empty(TITLE, "Drawn for two or three objectives; this study has "
          + directions.size() + ".");
    }
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
    if (shown.isEmpty()) {
      return Figure.empty(TITLE, "No complete trial with finite values yet.");
    }
    double[] best = new double[directions.size()];
    double[] reference = reference(points, best);
    if (reference == null) {
      return Figure.empty(TITLE, "The objectives' values are too large for a hypervolume.");
    }
    // the trials that enter the front so far: only they change the hypervolume
    List<double[]> front = new ArrayList<>();
    List<Integer> improving = new ArrayList<>();
    for (int k = 0; k < points.size(); k++) {
      double[] p = points.get(k);
      if (front.stream().noneMatch(q -> weaklyDominates(q, p))) {
        front.removeIf(q -> weaklyDominates(p, q));
        front.add(p);
        improving.add(k);
      }
    }
    List<Integer> drawn = evenlySpaced(improving);
    double[] volumes = new double[drawn.size()];
    for (int d = 0; d < drawn.size(); d++) {
      volumes[d] = share(points.subList(0, drawn.get(d) + 1), best, reference);
    }
    double volume = volumes[volumes.length - 1];
    int last = shown.get(shown.size() - 1).number();
    List<double[]> corners = new ArrayList<>();
    for (int d = 0; d < drawn.size(); d++) {
      int number = shown.get(drawn.get(d)).number();
      if (d > 0) {
        corners.add(new double[] {number, volumes[d - 1]});
      }
      corners.add(new double[] {number, volumes[d]});
    }
    corners.add(new double[] {last, volume});
    Scale x = Scale.linear(0, Math.max(1, last));
    double low = Arrays.stream(volumes).min().orElseThrow();
    double high = Arrays.stream(volumes).max().orElseThrow();
    Scale y = Scale.linear(low, high);
    Chart chart = new Chart().xAxis(x, "trial number").yAxis(y, "hypervolume (share of the box)");
    double[] line = new double[2 * corners.size()];
    for (int i = 0; i < corners.size(); i++) {
      line[2 * i] = x.position(corners.get(i)[0]);
      line[2 * i + 1] = y.position(corners.get(i)[1]);
    }
    chart.polyline(line, "best", null, "hypervolume so far: " + Html.number(volume));
    for (int d = 0; d < drawn.size(); d++) {
      FrozenTrial t = shown.get(drawn.get(d));
      chart.dot(x.position(t.number()), y.position(volumes[d]), "front",
          Tooltips.trial(t) + "\nhypervolume " + Html.number(volumes[d]));
    }
    int hidden = complete.size() - shown.size();
    return new Figure(TITLE, chart.svg(TITLE), count(shown.size(), "complete trial")
        + (hidden > 0 ? "; " + hidden + " with a non-finite value not counted" : "")
        + "; hypervolume " + Html.number(volume) + " of the box from the best values ("
        + external(best, directions) + ") to the reference point ("
        + external(reference, directions) + "); " + count(improving.size(), "trial")
        + " improved it" + (drawn.size() < improving.size() ? " (" + drawn.size() + " drawn)"
        : "") + ".");
  }

  /** At most {@value #MAX_POINTS} of {@code improving}, evenly spaced, the first and last kept. */
  private static List<Integer> evenlySpaced(List<Integer> improving) {
    if (improving.size() <= MAX_POINTS) {
      return improving;
    }
    List<Integer> out = new ArrayList<>();
    for (int d = 0; d < MAX_POINTS; d++) {
      out.add(improving.get((int) ((long) d * (improving.size() - 1) / (MAX_POINTS - 1))));
    }
    return out;
  }

  /** The share of the box {@code [best, reference]} that {@code points} dominate. */
  private static double share(List<double[]> points, double[] best, double[] reference) {
    List<double[]> unit = new ArrayList<>(points.size());
    for (double[] p : points) {
      double[] u = new double[p.length];
      for (int i = 0; i < p.length; i++) {
        // in halves: a range up to twice MAX_VALUE
        u[i] = (p[i] / 2 - best[i] / 2) / (reference[i] / 2 - best[i] / 2);
      }
      unit.add(u);
    }
    double[] one = new double[best.length];
    Arrays.fill(one, 1);
    return Hypervolume.of(unit, one);
  }

  /**
   * The reference point, with each objective's best (smallest minimized) value written into
   * {@code best}; {@code null} where every value of an objective is {@code MAX_VALUE}.
   */
  static double[] reference(List<double[]> points, double[] best) {
    int m = best.length;
    double[] high = new double[m];
    Arrays.fill(best, Double.POSITIVE_INFINITY);
    Arrays.fill(high, Double.NEGATIVE_INFINITY);
    for (double[] p : points) {
      for (int i = 0; i < m; i++) {
        best[i] = Math.min(best[i], p[i]);
        high[i] = Math.max(high[i], p[i]);
      }
    }
    double[] r = new double[m];
    for (int i = 0; i < m; i++) {
      double pad = 0.2 * (high[i] / 2 - best[i] / 2);
      if (!(high[i] + pad > high[i])) {
        pad = Math.max(0.1 * Math.abs(high[i]), 1); // the values never differ (visibly)
      }
      // a penalty near MAX_VALUE: the reference stops at MAX_VALUE and the trials at it add
      // nothing, the others still count
      r[i] = Math.min(high[i] + pad, Double.MAX_VALUE);
      if (!(r[i] > best[i])) {
        return null;
      }
    }
    return r;
  }

  private static String external(double[] minimized, List<StudyDirection> directions) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < minimized.length; i++) {
      s.append(i == 0 ? "" : ", ").append(Html.number(directions.get(i).toMinimized(
          minimized[i])));
    }
    return s.toString();
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
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
