package dev.jtune.bench;

import dev.jtune.study.StudyDirection;
import dev.jtune.trial.Trial;
import java.util.Arrays;
import java.util.List;

/**
 * The multi-objective test problems of the {@code pareto} benchmark, all minimized, each with the
 * reference point its hypervolume is measured against; {@code peers/optuna_pareto.py} defines the
 * same ones. ZDT1-3 (Zitzler, Deb and Thiele 2000) in 10 variables on {@code [0, 1]}: convex,
 * concave and disconnected fronts at {@code g = 1}. DTLZ2 (Deb et al. 2002) in 7 variables with 3
 * objectives: the front is the positive octant of the unit sphere. The reference points lie beyond
 * the worst value a random trial can take, so every trial counts.
 */
enum ParetoProblem {
  ZDT1(10, 2, 11), ZDT2(10, 2, 11), ZDT3(10, 2, 11), DTLZ2(7, 3, 2.5);

  private final int variables;
  private final int objectives;
  private final double reference;

  ParetoProblem(int variables, int objectives, double reference) {
    this.variables = variables;
    this.objectives = objectives;
    this.reference = reference;
  }

  /** The directions of a study of this problem: every objective minimized. */
  StudyDirection[] directions() {
    StudyDirection[] d = new StudyDirection[objectives];
    Arrays.fill(d, StudyDirection.MINIMIZE);
    return d;
  }

  /** The reference point: 1.1 in the first objective of the ZDT problems, the given value else. */
  double[] reference() {
    double[] r = new double[objectives];
    Arrays.fill(r, reference);
    if (this != DTLZ2) {
      r[0] = 1.1;
    }
    return r;
  }

  /** Suggests {@code x0 .. x(n-1)} on {@code [0, 1]} and returns the objectives. */
  double[] evaluate(Trial trial) {
    double[] x = new double[variables];
    for (int i = 0; i < variables; i++) {
      x[i] = trial.suggestFloat("x" + i, 0, 1);
    }
    return of(x);
  }

  /** The objectives at {@code x}. */
  double[] of(double[] x) {
    if (this == DTLZ2) {
      double g = 0;
      for (int i = 2; i < x.length; i++) {
        g += (x[i] - 0.5) * (x[i] - 0.5);
      }
      double a = x[0] * Math.PI / 2;
      double b = x[1] * Math.PI / 2;
      return new double[] {(1 + g) * Math.cos(a) * Math.cos(b), (1 + g) * Math.cos(a)
          * Math.sin(b), (1 + g) * Math.sin(a)};
    }
    double sum = 0;
    for (int i = 1; i < x.length; i++) {
      sum += x[i];
    }
    double g = 1 + 9 * sum / (x.length - 1);
    double ratio = x[0] / g;
    double h = switch (this) {
      case ZDT1 -> 1 - Math.sqrt(ratio);
      case ZDT2 -> 1 - ratio * ratio;
      default -> 1 - Math.sqrt(ratio) - ratio * Math.sin(10 * Math.PI * x[0]);
    };
    return new double[] {x[0], g * h};
  }

  /** The problems named in a comma-separated list (case-insensitive). */
  static List<ParetoProblem> parse(List<String> names) {
    return names.stream().map(n -> valueOf(n.toUpperCase(java.util.Locale.ROOT))).toList();
  }
}
