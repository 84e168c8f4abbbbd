package dev.jtune.sampler.gp;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Minimizes a smooth function within a box: limited-memory BFGS on the free variables with a
 * projected backtracking line search (a simplified L-BFGS-B). A variable is held at a bound while
 * the gradient pushes it outwards; the quasi-Newton direction is computed on the others, and the
 * step is projected back into the box. Stops when the projected gradient's largest component is
 * below {@code gradientTolerance}, when the function stops decreasing, or after
 * {@code maxIterations}. Deterministic; not thread-safe (use one per call).
 */
final class BoundedLbfgs {
  /** A function and its gradient. */
  @FunctionalInterface
  interface Objective {
    /** Returns f(x) and writes its gradient into {@code gradient}. */
    double evaluate(double[] x, double[] gradient);
  }

  /** The minimizer found, its value, and the iterations taken. */
  record Result(double[] x, double value, int iterations) {}

  private static final int MEMORY = 10;
  private static final double ARMIJO = 1e-4;
  /** Stop when an iteration lowers f by less than this fraction (scipy's L-BFGS-B default). */
  private static final double RELATIVE_DECREASE = 2.2e-9;

  private BoundedLbfgs() {}

  static Result minimize(Objective f, double[] start, double[] lower, double[] upper,
      int maxIterations, double gradientTolerance) {
    int dim = start.length;
    double[] x = start.clone();
    project(x, lower, upper);
    double[] g = new double[dim];
    double fx = f.evaluate(x, g);
    if (!Double.isFinite(fx)) {
      return new Result(x, fx, 0);
    }
    ArrayDeque<double[][]> memory = new ArrayDeque<>(); // {s, y, {1 / (y.s)}}
    double[] xn = new double[dim];
    double[] gn = new double[dim];
    int it = 0;
    for (; it < maxIterations; it++) {
      boolean[] free = new boolean[dim];
      double pg = 0;
      for (int i = 0; i < dim; i++) {
        boolean atLower = x[i] <= lower[i] && g[i] > 0;
        boolean atUpper = x[i] >= upper[i] && g[i] < 0;
        free[i] = !atLower && !atUpper;
        if (free[i]) {
          pg = Math.max(pg, Math.abs(g[i]));
        }
      }
      if (pg < gradientTolerance) {
        break;
      }
      double[] dir = direction(g, free, memory);
      double slope = dot(g, dir);
      if (!(slope < 0)) {
        memory.clear();
        for (int i = 0; i < dim; i++) {
          dir[i] = free[i] ? -g[i] : 0;
        }
        slope = dot(g, dir);
      }
      double step = memory.isEmpty() ? Math.min(1, 1 / norm(dir)) : 1;
      double fn = Double.NaN;
      boolean accepted = false;
      for (int tries = 0; tries < 40; tries++) {
        for (int i = 0; i < dim; i++) {
          xn[i] = x[i] + step * dir[i];
        }
        project(xn, lower, upper);
        double moved = 0;
        for (int i = 0; i < dim; i++) {
          moved += g[i] * (xn[i] - x[i]);
        }
        fn = f.evaluate(xn, gn);
        if (Double.isFinite(fn) && fn <= fx + ARMIJO * Math.min(moved, 0)) {
          accepted = true;
          break;
        }
        step *= 0.5;
      }
      if (!accepted) {
        break;
      }
      double[] s = new double[dim];
      double[] yv = new double[dim];
      for (int i = 0; i < dim; i++) {
        s[i] = xn[i] - x[i];
        yv[i] = gn[i] - g[i];
      }
      double sy = dot(s, yv);
      if (sy > 1e-12 * dot(yv, yv)) {
        if (memory.size() == MEMORY) {
          memory.removeFirst();
        }
        memory.addLast(new double[][] {s, yv, {1 / sy}});
      }
      double decrease = fx - fn;
      System.arraycopy(xn, 0, x, 0, dim);
      System.arraycopy(gn, 0, g, 0, dim);
      fx = fn;
      if (decrease <= RELATIVE_DECREASE * Math.max(1, Math.abs(fx))) {
        it++;
        break;
      }
    }
    return new Result(x, fx, it);
  }

  /** {@code -H g} on the free variables by the two-loop recursion; 0 on the others. */
  private static double[] direction(double[] g, boolean[] free, ArrayDeque<double[][]> memory) {
    int dim = g.length;
    double[] q = new double[dim];
    for (int i = 0; i < dim; i++) {
      q[i] = free[i] ? g[i] : 0;
    }
    double[] a = new double[memory.size()];
    int idx = memory.size() - 1;
    for (Iterator<double[][]> it = memory.descendingIterator(); it.hasNext(); idx--) {
      double[][] m = it.next();
      a[idx] = m[2][0] * maskedDot(m[0], q, free);
      axpy(-a[idx], m[1], q, free);
    }
    if (!memory.isEmpty()) {
      double[][] last = memory.peekLast();
      double yy = maskedDot(last[1], last[1], free);
      double gamma = yy > 0 ? maskedDot(last[0], last[1], free) / yy : 1;
      if (gamma > 0) {
        for (int i = 0; i < dim; i++) {
          q[i] *= gamma;
        }
      }
    }
    idx = 0;
    for (double[][] m : memory) {
      double b = m[2][0] * maskedDot(m[1], q, free);
      axpy(a[idx] - b, m[0], q, free);
      idx++;
    }
    for (int i = 0; i < dim; i++) {
      q[i] = free[i] ? -q[i] : 0;
    }
    return q;
  }

  private static void project(double[] x, double[] lower, double[] upper) {
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.min(Math.max(x[i], lower[i]), upper[i]);
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double maskedDot(double[] a, double[] b, boolean[] free) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      if (free[i]) {
        s += a[i] * b[i];
      }
    }
    return s;
  }

  private static void axpy(double f, double[] a, double[] out, boolean[] free) {
    for (int i = 0; i < a.length; i++) {
      if (free[i]) {
        out[i] += f * a[i];
      }
    }
  }

  private static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }
}
