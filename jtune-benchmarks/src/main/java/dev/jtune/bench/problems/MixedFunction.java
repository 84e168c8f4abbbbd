package dev.jtune.bench.problems;

import java.util.Map;

/**
 * The invented mixed/conditional problem of {@code problems.py}: floats, a log-scaled float, an
 * integer, a categorical with a trap ({@code kind = "b"} reaches 0.3 without {@code beta}) and a
 * float that exists only when {@code kind = "c"}. Unique minimum 0 at x1=1, x2=3, lr=1e-3, n=4,
 * kind="c", beta=0.7.
 */
final class MixedFunction {
  private static final Map<String, Double> OFFSET = Map.of("a", 1.0, "b", 0.3, "c", 0.0, "d", 3.0);

  private MixedFunction() {}

  /** The value at the given external parameters ({@code beta} only read when kind is "c"). */
  static double value(Map<String, Object> p) {
    double d1 = number(p, "x1") - 1.0;
    double d2 = number(p, "x2") - 3.0;
    double u = Math.log10(number(p, "lr"));
    String kind = (String) p.get("kind");
    Double offset = OFFSET.get(kind);
    if (offset == null) {
      throw new IllegalArgumentException("kind=" + kind + " is not one of " + OFFSET.keySet());
    }
    double n = number(p, "n");
    double f = offset;
    f += 0.25 * d1 * d1 + 0.10 * d2 * d2 + 0.25 * (d1 - d2) * (d1 - d2);
    f += 0.50 * (u + 3.0) * (u + 3.0);
    f += 0.125 * (n - 4) * (n - 4);
    if (kind.equals("c")) {
      double b = number(p, "beta") - 0.7;
      f += 2.0 * b * b;
    }
    return f;
  }

  private static double number(Map<String, Object> p, String name) {
    Object v = p.get(name);
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException("parameter " + name + "=" + v + " is missing or not a number");
    }
    return n.doubleValue();
  }
}
