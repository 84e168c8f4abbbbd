package dev.jtune.sampler.gp;

import dev.jtune.sampler.SobolSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Maximizes an acquisition function over a {@link GpSpace}, as Optuna's {@code optimize_acqf_mixed}
 * does: score many scrambled Sobol' candidates at once, then improve the best candidate, some others
 * drawn with probability proportional to {@code exp(acquisition)} (log-EI is a log, so that is
 * proportional to EI), and the warm starts (the best observed points) by local search. A local search
 * alternates a bounded quasi-Newton ascent over the continuous coordinates (in coordinates divided by
 * their length scales, which equalizes curvature) with a search over each discrete coordinate (every
 * value when there are at most {@value #EXHAUSTIVE} of them, else a coarse scan and a walk to the
 * better neighbour) and over every choice of each categorical, until a round changes nothing.
 * Not thread-safe; one per suggestion.
 */
final class AcquisitionOptimizer {
  static final int EXHAUSTIVE = 16;
  private static final int MAX_ROUNDS = 10;
  private static final int MAX_ASCENT_ITERATIONS = 200;
  private static final double ASCENT_TOLERANCE = 1e-2;

  private final List<Term> terms;
  private final GpSpace space;
  private final int d;
  private final int[] continuous;
  private final int[] discrete;
  private final int[] categorical;
  private final double[] lengthScales;

  /**
   * One part of the maximized sum: an acquisition function of one process's posterior (the
   * objective's expected improvement, a constraint's probability of holding).
   */
  record Term(GaussianProcess gp, AcquisitionFunction function) {}

  AcquisitionOptimizer(GaussianProcess gp, AcquisitionFunction acquisition, GpSpace space) {
    this(List.of(new Term(gp, acquisition)), space);
  }

  /**
   * Maximizes the sum of the terms (logs of factors, so a product: expected improvement times the
   * probability that each constraint holds). Local searches scale the continuous coordinates by
   * the first term's length scales.
   */
  AcquisitionOptimizer(List<Term> terms, GpSpace space) {
    if (terms.isEmpty()) {
      throw new IllegalArgumentException("an acquisition needs at least one term");
    }
    this.terms = List.copyOf(terms);
    this.space = space;
    this.d = space.dimensions();
    this.continuous = space.indices(GpSpace.Kind.CONTINUOUS);
    this.discrete = space.indices(GpSpace.Kind.DISCRETE);
    this.categorical = space.indices(GpSpace.Kind.CATEGORICAL);
    this.lengthScales = terms.get(0).gp().kernel().lengthScales();
  }

  /** The best point found, and its acquisition value. */
  record Optimum(double[] x, double value) {}

  Optimum maximize(int candidates, int localSearches, List<double[]> warmStarts,
      SplittableRandom rng) {
    SobolSequence sobol = new SobolSequence(d, true, rng.nextLong());
    double[] points = new double[candidates * d];
    for (int j = 0; j < candidates; j++) {
      double[] u = sobol.point(j);
      space.fromCube(u);
      System.arraycopy(u, 0, points, j * d, d);
    }
    double[] values = evaluate(points, candidates);
    int best = 0;
    for (int j = 1; j < candidates; j++) {
      if (values[j] > values[best]) {
        best = j;
      }
    }
    List<double[]> starts = new ArrayList<>();
    starts.add(row(points, best));
    int roulette = Math.max(0, localSearches - 1 - warmStarts.size());
    double[] weights = new double[candidates];
    double total = 0;
    for (int j = 0; j < candidates; j++) {
      weights[j] = j == best ? 0 : Math.exp(values[j] - values[best]);
      total += weights[j];
    }
    for (int s = 0; s < roulette && total > 0; s++) {
      double pick = rng.nextDouble() * total;
      int chosen = -1;
      for (int j = 0; j < candidates; j++) {
        if (weights[j] > 0) {
          chosen = j;
          pick -= weights[j];
          if (pick <= 0) {
            break;
          }
        }
      }
      if (chosen < 0) {
        break;
      }
      starts.add(row(points, chosen));
      total -= weights[chosen];
      weights[chosen] = 0;
    }
    for (double[] w : warmStarts) {
      starts.add(w.clone());
    }
    Optimum optimum = new Optimum(row(points, best), values[best]);
    for (double[] start : starts) {
      Optimum local = localSearch(start);
      if (local.value() > optimum.value()) {
        optimum = local;
      }
    }
    return optimum;
  }

  private Optimum localSearch(double[] x) {
    double fx = evaluate(x);
    for (int round = 0; round < MAX_ROUNDS; round++) {
      boolean changed = false;
      if (continuous.length > 0) {
        double before = fx;
        fx = ascend(x, fx);
        changed |= fx > before;
      }
      for (int k : discrete) {
        double before = fx;
        fx = space.size(k) <= EXHAUSTIVE ? exhaustive(x, fx, k) : lineSearch(x, fx, k);
        changed |= fx > before;
      }
      for (int k : categorical) {
        double before = fx;
        fx = exhaustive(x, fx, k);
        changed |= fx > before;
      }
      if (!changed) {
        break;
      }
    }
    return new Optimum(x, fx);
  }

  /** Quasi-Newton ascent over the continuous coordinates of {@code x} (updated in place). */
  private double ascend(double[] x, double fx) {
    int c = continuous.length;
    double[] z = new double[c];
    double[] lower = new double[c];
    double[] upper = new double[c];
    for (int i = 0; i < c; i++) {
      double l = lengthScales[continuous[i]];
      z[i] = x[continuous[i]] / l;
      upper[i] = 1 / l;
    }
    double[] point = x.clone();
    double[] meanGradient = new double[d];
    double[] varianceGradient = new double[d];
    double[] derivatives = new double[2];
    BoundedLbfgs.Result r = BoundedLbfgs.minimize((zz, g) -> {
      for (int i = 0; i < c; i++) {
        point[continuous[i]] = Math.min(Math.max(zz[i] * lengthScales[continuous[i]], 0), 1);
      }
      space.canonicalize(point, 0);
      java.util.Arrays.fill(g, 0);
      double v = 0;
      for (Term term : terms) {
        GaussianProcess.Prediction p =
            term.gp().predictWithGradient(point, meanGradient, varianceGradient);
        v += term.function().valueWithDerivatives(p.mean(), p.variance(), derivatives);
        for (int i = 0; i < c; i++) {
          int k = continuous[i];
          g[i] += space.absent(point, k) ? 0
              : -(derivatives[0] * meanGradient[k] + derivatives[1] * varianceGradient[k])
                  * lengthScales[k];
        }
      }
      return -v;
    }, z, lower, upper, MAX_ASCENT_ITERATIONS, ASCENT_TOLERANCE);
    if (-r.value() > fx) {
      for (int i = 0; i < c; i++) {
        x[continuous[i]] = Math.min(Math.max(r.x()[i] * lengthScales[continuous[i]], 0), 1);
      }
      return evaluate(x);
    }
    return fx;
  }

  /** Tries every value of coordinate {@code k}; keeps the best in {@code x}. */
  private double exhaustive(double[] x, double fx, int k) {
    int size = (int) space.size(k);
    if (size <= 1) {
      return fx;
    }
    double[] batch = new double[size * d];
    for (int v = 0; v < size; v++) {
      System.arraycopy(x, 0, batch, v * d, d);
      batch[v * d + k] = space.kind(k) == GpSpace.Kind.CATEGORICAL ? v : space.unitOfIndex(k, v);
    }
    double[] values = evaluate(batch, size);
    int best = -1;
    double bestValue = fx;
    for (int v = 0; v < size; v++) {
      if (values[v] > bestValue) {
        bestValue = values[v];
        best = v;
      }
    }
    if (best >= 0) {
      x[k] = batch[best * d + k];
    }
    return bestValue;
  }

  /** A coarse scan of a large grid, then a walk to the better neighbour while it improves. */
  private double lineSearch(double[] x, double fx, int k) {
    long size = space.size(k);
    long current = space.index(k, x[k]);
    long[] scan = new long[EXHAUSTIVE + 2];
    for (int s = 0; s < EXHAUSTIVE; s++) {
      scan[s] = Math.round((double) s * (size - 1) / (EXHAUSTIVE - 1));
    }
    scan[EXHAUSTIVE] = Math.max(current - 1, 0);
    scan[EXHAUSTIVE + 1] = Math.min(current + 1, size - 1);
    long bestIndex = current;
    double bestValue = fx;
    double[] batch = new double[scan.length * d];
    for (int s = 0; s < scan.length; s++) {
      System.arraycopy(x, 0, batch, s * d, d);
      batch[s * d + k] = space.unitOfIndex(k, scan[s]);
    }
    double[] values = evaluate(batch, scan.length);
    for (int s = 0; s < scan.length; s++) {
      if (values[s] > bestValue) {
        bestValue = values[s];
        bestIndex = scan[s];
      }
    }
    double[] probe = x.clone();
    for (int step = 0; step < 64; step++) {
      boolean moved = false;
      for (long next : new long[] {bestIndex - 1, bestIndex + 1}) {
        if (next < 0 || next >= size) {
          continue;
        }
        probe[k] = space.unitOfIndex(k, next);
        double v = evaluate(probe);
        if (v > bestValue) {
          bestValue = v;
          bestIndex = next;
          moved = true;
          break;
        }
      }
      if (!moved) {
        break;
      }
    }
    if (bestValue > fx) {
      x[k] = space.unitOfIndex(k, bestIndex);
    }
    return Math.max(bestValue, fx);
  }

  private double evaluate(double[] x) {
    double[] canonical = x.clone();
    space.canonicalize(canonical, 0);
    double v = 0;
    for (Term term : terms) {
      GaussianProcess.Prediction p = term.gp().predict(canonical);
      v += term.function().value(p.mean(), p.variance());
    }
    return v;
  }

  private double[] evaluate(double[] points, int m) {
    double[] canonical = points.clone();
    for (int j = 0; j < m; j++) {
      space.canonicalize(canonical, j * d);
    }
    points = canonical;
    double[] mean = new double[m];
    double[] variance = new double[m];
    double[] out = new double[m];
    for (Term term : terms) {
      term.gp().predict(points, m, mean, variance);
      for (int j = 0; j < m; j++) {
        out[j] += term.function().value(mean[j], variance[j]);
      }
    }
    return out;
  }

  private double[] row(double[] points, int j) {
    double[] out = new double[d];
    System.arraycopy(points, j * d, out, 0, d);
    return out;
  }
}
