package dev.jtune.bench.problems;

import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.FloatDistribution;
import dev.jtune.space.IntDistribution;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The problems of {@code problems.py}, by name, in the peer's order: branin, hartmann6,
 * rosenbrock5, ackley5, levy10, styblinski8, mixed, hartmann6_noisy.
 */
public final class ProblemSuite {
  /** Hartmann6's global minimizer, as {@code problems.py} lists it. */
  private static final double[] H6_X_OPT = {0.20168951204387886, 0.15001069021286353,
      0.47687397232918893, 0.2753324294252449, 0.3116516159557494, 0.657300532687062};
  private static final double H6_F_OPT = -3.322368011415515;
  private static final Map<String, Problem> PROBLEMS = build();

  private ProblemSuite() {}

  /** Every problem, by name, in the peer's order; unmodifiable. */
  public static Map<String, Problem> all() {
    return PROBLEMS;
  }

  /**
   * The problem of that name.
   *
   * @throws IllegalArgumentException naming the known problems if there is none
   */
  public static Problem get(String name) {
    Problem p = PROBLEMS.get(name);
    if (p == null) {
      throw new IllegalArgumentException(
          "unknown problem '" + name + "'; known: " + String.join(", ", PROBLEMS.keySet()));
    }
    return p;
  }

  private static Map<String, Problem> build() {
    Map<String, Problem> out = new LinkedHashMap<>();
    List<Parameter> branin = List.of(
        Parameter.of("x0", FloatDistribution.uniform(-5.0, 10.0)),
        Parameter.of("x1", FloatDistribution.uniform(0.0, 15.0)));
    add(out, new Problem("branin", branin, Problem.vector(branin, StandardFunction.BRANIN),
        5.0 / (4.0 * Math.PI), Map.of("x0", Math.PI, "x1", 2.275), 0.0,
        "Branin-Hoo; 3 global minima (-pi,12.275),(pi,2.275),(9.42478,2.475)"));
    List<Parameter> h6 = box(6, 0.0, 1.0);
    add(out, new Problem("hartmann6", h6, Problem.vector(h6, StandardFunction.HARTMANN6),
        H6_F_OPT, point(H6_X_OPT), 0.0, "Hartmann 6-D"));
    List<Parameter> rosenbrock = box(5, -5.0, 10.0);
    add(out, new Problem("rosenbrock5", rosenbrock,
        Problem.vector(rosenbrock, StandardFunction.ROSENBROCK), 0.0, constant(5, 1.0), 0.0,
        "Rosenbrock 5-D"));
    List<Parameter> ackley = box(5, -32.768, 32.768);
    add(out, new Problem("ackley5", ackley, Problem.vector(ackley, StandardFunction.ACKLEY), 0.0,
        constant(5, 0.0), 0.0, "Ackley 5-D, a=20 b=0.2 c=2pi"));
    List<Parameter> levy = box(10, -10.0, 10.0);
    add(out, new Problem("levy10", levy, Problem.vector(levy, StandardFunction.LEVY), 0.0,
        constant(10, 1.0), 0.0, "Levy 10-D"));
    List<Parameter> st = box(8, -5.0, 5.0);
    double x = StandardFunction.STYBLINSKI_TANG_X_OPT;
    double stOpt1d = 0.5 * (x * x * x * x - 16 * x * x + 5 * x);
    add(out, new Problem("styblinski8", st, Problem.vector(st, StandardFunction.STYBLINSKI_TANG),
        8 * stOpt1d, constant(8, x), 0.0, "Styblinski-Tang 8-D"));
    List<Parameter> mixed = List.of(
        Parameter.of("x1", FloatDistribution.uniform(-5.0, 5.0)),
        Parameter.of("x2", FloatDistribution.uniform(0.0, 10.0)),
        Parameter.of("lr", FloatDistribution.logUniform(1e-5, 1e-1)),
        Parameter.of("n", IntDistribution.uniform(1, 10)),
        Parameter.of("kind", CategoricalDistribution.of("a", "b", "c", "d")),
        new Parameter("beta", FloatDistribution.uniform(0.0, 1.0),
            new Parameter.Condition("kind", Set.of("c"))));
    Map<String, Object> mixedOpt = new LinkedHashMap<>();
    mixedOpt.put("x1", 1.0);
    mixedOpt.put("x2", 3.0);
    mixedOpt.put("lr", 1e-3);
    mixedOpt.put("n", 4);
    mixedOpt.put("kind", "c");
    mixedOpt.put("beta", 0.7);
    add(out, new Problem("mixed", mixed, MixedFunction::value, 0.0, mixedOpt, 0.0,
        "invented mixed/conditional problem, see problems.py"));
    add(out, new Problem("hartmann6_noisy", h6, Problem.vector(h6, StandardFunction.HARTMANN6),
        H6_F_OPT, point(H6_X_OPT), 0.1,
        "Hartmann 6-D + N(0,0.1^2) noise; regret on noiseless value"));
    return Collections.unmodifiableMap(out);
  }

  private static void add(Map<String, Problem> out, Problem p) {
    out.put(p.name(), p);
  }

  private static List<Parameter> box(int d, double low, double high) {
    List<Parameter> out = new ArrayList<>();
    for (int i = 0; i < d; i++) {
      out.add(Parameter.of("x" + i, FloatDistribution.uniform(low, high)));
    }
    return out;
  }

  private static Map<String, Object> point(double[] x) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < x.length; i++) {
      out.put("x" + i, x[i]);
    }
    return out;
  }

  private static Map<String, Object> constant(int d, double v) {
    double[] x = new double[d];
    java.util.Arrays.fill(x, v);
    return point(x);
  }
}
