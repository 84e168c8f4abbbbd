package dev.jtune.bench;

import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import java.util.Arrays;
import java.util.List;

/**
 * The test problems of the {@code constrained} benchmark, every objective minimized, each with its
 * inequality constraints in Optuna's convention (a value at most 0 holds); all in two parameters
 * named {@code x} and {@code y}. {@code peers/optuna_constrained.py} defines the same ones.
 *
 * <ul>
 *   <li>{@link #GARDNER}: the first simulation of Gardner, Kusner, Xu, Weinberger and Cunningham,
 *       "Bayesian optimization with inequality constraints", ICML 2014, pp. 937-945: minimize
 *       {@code cos(2x) cos(y) + sin(x)} over {@code [0, 6]^2} subject to
 *       {@code cos(x) cos(y) - sin(x) sin(y) <= 0.5}. The definition is as reimplemented in QUEENS
 *       ({@code gardner14a.py}) and other code citing the paper (the paper itself was not at hand).
 *       A third of the box is infeasible; the minimum, -2 at {@code (3 pi / 2, 0)}, is feasible.
 *   <li>{@link #GRAMACY}: the toy problem of Gramacy, Gray, Le Digabel, Lee, Ranjan, Wells and
 *       Wild, "Modeling an augmented Lagrangian for blackbox constrained optimization",
 *       Technometrics 58(1), 2016: minimize {@code x + y} over {@code [0, 1]^2} subject to
 *       {@code 1.5 - x - 2y - 0.5 sin(2 pi (x^2 - 2y)) <= 0} and {@code x^2 + y^2 - 1.5 <= 0}.
 *       The optimum, about 0.5998 at {@code (0.1954, 0.4044)}, lies on the first constraint's
 *       boundary.
 *   <li>{@link #QUADRATIC}: Optuna's example {@code basic/quadratic_constraint.py}
 *       (optuna-examples): minimize {@code x^2 + y} with {@code x} float in {@code [-100, 100]} and
 *       {@code y} categorical in {@code {-1, 0, 1}}, subject to {@code 3xy + 10 <= 0} and
 *       {@code xy + 30 <= 0}. Feasible means {@code xy <= -30}; the optimum is 899 at
 *       {@code (30, -1)}.
 *   <li>{@link #BNH}: Binh and Korn's two-objective problem (Binh and Korn, "MOBES: a
 *       multiobjective evolution strategy for constrained optimization problems", Mendel 1997; as
 *       in Deb, "Multi-objective optimization using evolutionary algorithms", 2001): minimize
 *       {@code 4x^2 + 4y^2} and {@code (x - 5)^2 + (y - 5)^2} over {@code [0, 5] x [0, 3]} subject
 *       to {@code (x - 5)^2 + y^2 - 25 <= 0} and {@code 7.7 - (x - 8)^2 - (y + 3)^2 <= 0}; measured
 *       by the hypervolume of the feasible trials against {@code (140, 50)}.
 * </ul>
 */
enum ConstrainedProblem {
  GARDNER(0, 6, 0, 6), GRAMACY(0, 1, 0, 1), QUADRATIC(-100, 100, -1, 1), BNH(0, 5, 0, 3);

  /** The choices of {@link #QUADRATIC}'s categorical {@code y}. */
  static final List<Integer> QUADRATIC_CHOICES = List.of(-1, 0, 1);

  private final double xLow;
  private final double xHigh;
  private final double yLow;
  private final double yHigh;

  ConstrainedProblem(double xLow, double xHigh, double yLow, double yHigh) {
    this.xLow = xLow;
    this.xHigh = xHigh;
    this.yLow = yLow;
    this.yHigh = yHigh;
  }

  /** The number of objectives: 2 for {@link #BNH}, 1 else. */
  int objectives() {
    return this == BNH ? 2 : 1;
  }

  /** The directions of a study of this problem: every objective minimized. */
  StudyDirection[] directions() {
    StudyDirection[] d = new StudyDirection[objectives()];
    Arrays.fill(d, StudyDirection.MINIMIZE);
    return d;
  }

  /**
   * The hypervolume's reference point of a problem of several objectives.
   *
   * @throws IllegalStateException for a problem of one objective
   */
  double[] reference() {
    if (this != BNH) {
      throw new IllegalStateException(this + " has one objective and no reference point");
    }
    return new double[] {140, 50};
  }

  /** Suggests {@code x} and {@code y} and returns the objectives. */
  double[] evaluate(Trial trial) {
    double x = trial.suggestFloat("x", xLow, xHigh);
    double y = this == QUADRATIC
        ? trial.suggestCategorical("y", QUADRATIC_CHOICES)
        : trial.suggestFloat("y", yLow, yHigh);
    return objectives(x, y);
  }

  /**
   * The constraints of a finished trial, from its parameters {@code x} and {@code y}: what the
   * study's {@link dev.jtune.sampler.Constraints} function returns.
   */
  double[] constraints(FrozenTrial trial) {
    return constraints(((Number) trial.param("x")).doubleValue(),
        ((Number) trial.param("y")).doubleValue());
  }

  /** The objectives at {@code (x, y)}. */
  double[] objectives(double x, double y) {
    return switch (this) {
      case GARDNER -> new double[] {Math.cos(2 * x) * Math.cos(y) + Math.sin(x)};
      case GRAMACY -> new double[] {x + y};
      case QUADRATIC -> new double[] {x * x + y};
      case BNH -> new double[] {4 * x * x + 4 * y * y, (x - 5) * (x - 5) + (y - 5) * (y - 5)};
    };
  }

  /** The constraint values at {@code (x, y)}: at most 0 where each holds. */
  double[] constraints(double x, double y) {
    return switch (this) {
      case GARDNER -> new double[] {Math.cos(x) * Math.cos(y) - Math.sin(x) * Math.sin(y) - 0.5};
      case GRAMACY -> new double[] {
          1.5 - x - 2 * y - 0.5 * Math.sin(2 * Math.PI * (x * x - 2 * y)),
          x * x + y * y - 1.5};
      case QUADRATIC -> new double[] {3 * x * y + 10, x * y + 30};
      case BNH -> new double[] {
          (x - 5) * (x - 5) + y * y - 25, 7.7 - (x - 8) * (x - 8) - (y + 3) * (y + 3)};
    };
  }

  /** The problems named in a comma-separated list (case-insensitive). */
  static List<ConstrainedProblem> parse(List<String> names) {
    return names.stream().map(n -> valueOf(n.toUpperCase(java.util.Locale.ROOT))).toList();
  }
}
