package dev.jtune.sampler.gp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The explore step of population-based bandits (PB2: Parker-Holder et al. 2020, "Provably
 * Efficient Online Hyperparameter Optimization with Population-Based Bandits"; Ray Tune's
 * {@code PB2}): GP-UCB on how much an interval of training improves the metric, as a function of
 * the parameters it trained with, where it started, and when.
 *
 * <p>Each observation is one interval: its time (the interval's index), the metric where it
 * started (its parent's value), its parameters in the unit cube, and its improvement, larger
 * better. The model is a Gaussian process with zero mean on the standardized improvements
 * (clipped to {@code [-2, 2]}, as Ray's) and the time-varying squared-exponential kernel of
 * Bogunovic et al. 2016:
 * {@code k = v exp(-|z - z'|^2 / l) (1 - eps)^(|t - t'| / 2)}, where {@code z} is the start value
 * (scaled to {@code [0, 1]} over the observations) followed by the parameters, so that old
 * intervals count less as training moves on. The variance {@code v}, length {@code l},
 * forgetting rate {@code eps} in {@code [1e-5, 0.5]} and a noise variance are fit by maximum
 * marginal likelihood. The suggestion maximizes {@code mean + kappa sd} at the new interval's time
 * and start value, with Ray's {@code kappa = sqrt(0.2 + max(0, log(0.4 n)))} for {@code n}
 * observations; the standard deviation is that of the process also conditioned on the intervals
 * still running (their outcomes unknown: Desautels et al. 2014's GP-BUCB, which needs no
 * outcome), so that members choosing at once spread out.
 *
 * <p>Deliberate differences from Ray's {@code pb2_utils}: the bound adds the standard deviation
 * (GP-UCB's; Ray adds the variance); a fitted noise term (Ray's GP interpolates noisy
 * improvements exactly); time in interval indices, not rescaled to {@code [0, 1]} (so that
 * {@code eps} forgets per interval, as in the paper); running intervals at their own time and
 * start (Ray pads them with the new one's); the most recent {@value #MAX_OBSERVATIONS}
 * observations (Ray chooses a window of at least 200 by likelihood); parameters on their search
 * scale (a log-uniform rate in log space; Ray's bounds are linear); and the caller's failed
 * intervals given as the worst improvement observed ({@code BanditExplorer}; Ray drops them).
 *
 * <p>Cost: a fit takes a few dozen evaluations of {@code n^3 / 3} for {@code n} observations,
 * plus {@value #CANDIDATES} candidate points of {@code (n + r)^2} each for {@code r} running.
 */
public final class TimeVaryingUcb {
  /** The most observations the model keeps: the most recent (by time, then as given). */
  public static final int MAX_OBSERVATIONS = 200;
  private static final int CANDIDATES = 512;
  private static final int LOCAL_STARTS = 3;
  private static final double[] LOWER = {Math.log(1e-5), Math.log(1e-5), Math.log(1e-5),
      Math.log(1e-6)};
  private static final double[] UPPER = {Math.log(1e5), Math.log(1e5), Math.log(0.5),
      Math.log(10)};

  private TimeVaryingUcb() {}

  /**
   * An interval of training.
   *
   * @param time its index (the number of intervals before it)
   * @param start the metric where it started, as its parent left it (larger or smaller better,
   *     as long as every point says it alike)
   * @param position its parameters in the unit cube
   */
  public record Point(int time, double start, double[] position) {
    public Point {
      Objects.requireNonNull(position, "position");
      if (!Double.isFinite(start)) {
        throw new IllegalArgumentException("start must be finite, got " + start);
      }
      position = position.clone();
    }
  }

  /**
   * An interval that ended.
   *
   * @param point the interval
   * @param improvement how much it improved the metric, larger better; finite
   */
  public record Observation(Point point, double improvement) {
    public Observation {
      Objects.requireNonNull(point, "point");
      if (!Double.isFinite(improvement)) {
        throw new IllegalArgumentException("improvement must be finite, got " + improvement);
      }
    }
  }

  /**
   * The parameters in the unit cube with the highest upper confidence bound on the improvement of
   * an interval at {@code time} that starts at {@code start}; empty with fewer than 2
   * observations.
   *
   * @param observed intervals that ended, each with {@code dimensions} parameters
   * @param running intervals still running (their parameters taken), each with {@code dimensions}
   * @param rng the random candidates' source
   * @throws IllegalArgumentException if a point has another number of parameters
   */
  public static Optional<double[]> suggest(List<Observation> observed, List<Point> running,
      int time, double start, int dimensions, SplittableRandom rng) {
    for (Observation o : observed) {
      checkDimensions(o.point(), dimensions);
    }
    for (Point p : running) {
      checkDimensions(p, dimensions);
    }
    if (observed.size() < 2) {
      return Optional.empty();
    }
    List<Observation> kept = new ArrayList<>(observed);
    kept.sort(Comparator.comparingInt(o -> o.point().time()));   // stable: ties as given
    kept = kept.subList(Math.max(0, kept.size() - MAX_OBSERVATIONS), kept.size());
    Model model = Model.fit(kept, running, start, dimensions);
    return Optional.of(model.maximize(time, start, rng));
  }

  private static void checkDimensions(Point p, int dimensions) {
    if (p.position().length != dimensions) {
      throw new IllegalArgumentException("a point has " + p.position().length
          + " parameters, expected " + dimensions);
    }
  }

  /**
   * The fitted process and the one also conditioned on the running intervals (package-private for
   * the gradient tests).
   */
  static final class Model {
    private final int d;            // spatial dimensions: start value, then parameters
    private final int n;            // observations
    private final int m;            // observations and running intervals
    private final double[] z;       // m x d
    private final int[] times;      // m
    private final double startLow;
    private final double startSpan;
    private final double variance;
    private final double length;
    private final double epsilon;
    private final double[] alpha;   // C^{-1} y over the observations
    private final Cholesky all;     // C' over observations and running intervals
    private final double kappa;

    private Model(int d, int n, int m, double[] z, int[] times, double startLow,
        double startSpan, double[] theta, double[] alpha, Cholesky all) {
      this.d = d;
      this.n = n;
      this.m = m;
      this.z = z;
      this.times = times;
      this.startLow = startLow;
      this.startSpan = startSpan;
      this.variance = Math.exp(theta[0]);
      this.length = Math.exp(theta[1]);
      this.epsilon = Math.exp(theta[2]);
      this.alpha = alpha;
      this.all = all;
      this.kappa = Math.sqrt(0.2 + Math.max(0, Math.log(0.4 * n)));
    }

    static Model fit(List<Observation> observed, List<Point> running, double queryStart,
        int dimensions) {
      int n = observed.size();
      int m = n + running.size();
      int d = dimensions + 1;
      double low = Double.POSITIVE_INFINITY;
      double high = Double.NEGATIVE_INFINITY;
      double mean = 0;
      for (Observation o : observed) {
        low = Math.min(low, o.point().start());
        high = Math.max(high, o.point().start());
        mean += o.improvement() / n;
      }
      double spread = 0;
      for (Observation o : observed) {
        spread += (o.improvement() - mean) * (o.improvement() - mean) / n;
      }
      double sd = Math.sqrt(spread) + 1e-8;
      // start values all (nearly) equal say nothing about the start: every one, the query's
      // too, is put at 0 (scaled by a tiny span, a query a little off would sit far from all)
      double span = high - low > 1e-9 * Math.max(1, Math.abs(high)) ? high - low
          : Double.POSITIVE_INFINITY;
      double[] y = new double[n];
      double[] z = new double[m * d];
      int[] times = new int[m];
      for (int i = 0; i < m; i++) {
        Point p = i < n ? observed.get(i).point() : running.get(i - n);
        times[i] = p.time();
        z[i * d] = (p.start() - low) / span;
        for (int k = 0; k < dimensions; k++) {
          z[i * d + 1 + k] = Math.min(1, Math.max(0, p.position()[k]));
        }
        if (i < n) {
          y[i] = Math.max(-2, Math.min(2, (observed.get(i).improvement() - mean) / sd));
        }
      }
      Likelihood likelihood = new Likelihood(z, times, y, n, d);
      double[] best = null;
      double bestValue = Double.POSITIVE_INFINITY;
      for (double[] from : new double[][] {{0, 0, Math.log(0.1), Math.log(0.1)},
          {0, Math.log(0.1), Math.log(0.1), Math.log(0.01)}}) {
        BoundedLbfgs.Result r = BoundedLbfgs.minimize(likelihood::negativeLog, from, LOWER, UPPER,
            200, 1e-5);
        if (r.value() < bestValue) {
          bestValue = r.value();
          best = r.x();
        }
      }
      if (best == null) {
        best = new double[] {0, 0, Math.log(0.1), Math.log(0.1)};
      }
      Cholesky observedChol = factor(z, times, n, d, best);
      double[] alpha = y.clone();
      observedChol.solve(alpha);
      Cholesky allChol = m == n ? observedChol : factor(z, times, m, d, best);
      return new Model(d, n, m, z, times, low, span, best, alpha, allChol);
    }

    /** {@code K + noise I} over the first {@code rows} points, jittered until positive. */
    private static Cholesky factor(double[] z, int[] times, int rows, int d, double[] theta) {
      double[] c = Likelihood.kernel(z, times, rows, d, theta);
      double noise = Math.exp(theta[3]);
      for (int i = 0; i < rows; i++) {
        c[i * rows + i] += noise;
      }
      Cholesky chol = Cholesky.factor(c, rows);
      double jitter = 1e-8 * Math.exp(theta[0]);
      while (chol == null) {
        for (int i = 0; i < rows; i++) {
          c[i * rows + i] += jitter;
        }
        jitter *= 10;
        chol = Cholesky.factor(c, rows);
      }
      return chol;
    }

    double[] maximize(int time, double start, SplittableRandom rng) {
      int p = d - 1;
      double s = startSpan == Double.POSITIVE_INFINITY ? 0 : (start - startLow) / startSpan;
      double[][] candidates = new double[CANDIDATES][];
      double[] values = new double[CANDIDATES];
      Integer[] order = new Integer[CANDIDATES];
      for (int c = 0; c < CANDIDATES; c++) {
        double[] x = new double[p];
        for (int k = 0; k < p; k++) {
          x[k] = rng.nextDouble();
        }
        candidates[c] = x;
        values[c] = ucb(time, s, x, null);
        order[c] = c;
      }
      Arrays.sort(order, Comparator.comparingDouble(c -> -values[c]));
      double[] best = candidates[order[0]];
      double bestValue = values[order[0]];
      double[] lower = new double[p];
      double[] upper = new double[p];
      Arrays.fill(upper, 1);
      for (int i = 0; i < Math.min(LOCAL_STARTS, CANDIDATES); i++) {
        BoundedLbfgs.Result r = BoundedLbfgs.minimize(
            (x, g) -> -ucb(time, s, x, g), candidates[order[i]], lower, upper, 100, 1e-6);
        if (-r.value() > bestValue) {
          bestValue = -r.value();
          best = r.x();
        }
      }
      double[] out = best.clone();
      for (int k = 0; k < p; k++) {
        out[k] = Math.min(1, Math.max(0, out[k]));
      }
      return out;
    }

    /**
     * The bound at {@code (time, start, x)}; writes minus its gradient in {@code x} into
     * {@code negativeGradient} when given (the minimizer's sign).
     */
    double ucb(int time, double start, double[] x, double[] negativeGradient) {
      int p = d - 1;
      double[] k = new double[m];
      for (int i = 0; i < m; i++) {
        double ds = start - z[i * d];
        double r2 = ds * ds;
        for (int j = 0; j < p; j++) {
          double dx = x[j] - z[i * d + 1 + j];
          r2 += dx * dx;
        }
        k[i] = variance * Math.exp(-r2 / length)
            * Math.pow(1 - epsilon, 0.5 * Math.abs(time - times[i]));
      }
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += k[i] * alpha[i];
      }
      double[] beta = k.clone();
      all.solve(beta);
      double explained = 0;
      for (int i = 0; i < m; i++) {
        explained += k[i] * beta[i];
      }
      double var = Math.max(variance - explained, 0);
      double sd = Math.sqrt(var);
      if (negativeGradient != null) {
        for (int j = 0; j < p; j++) {
          double dMean = 0;
          double dVar = 0;
          for (int i = 0; i < m; i++) {
            double dk = k[i] * -2 * (x[j] - z[i * d + 1 + j]) / length;
            if (i < n) {
              dMean += alpha[i] * dk;
            }
            dVar -= 2 * beta[i] * dk;
          }
          double dSd = sd > 1e-12 ? dVar / (2 * sd) : 0;
          negativeGradient[j] = -(dMean + kappa * dSd);
        }
      }
      return mean + kappa * sd;
    }
  }

  /**
   * The negative log marginal likelihood of the observations and its gradient in
   * {@code theta = (log v, log l, log eps, log noise)}.
   */
  record Likelihood(double[] z, int[] times, double[] y, int n, int d) {

    /** The kernel matrix over the first {@code rows} points. */
    static double[] kernel(double[] z, int[] times, int rows, int d, double[] theta) {
      double v = Math.exp(theta[0]);
      double l = Math.exp(theta[1]);
      double logKeep = Math.log1p(-Math.exp(theta[2]));
      double[] c = new double[rows * rows];
      for (int i = 0; i < rows; i++) {
        c[i * rows + i] = v;
        for (int j = 0; j < i; j++) {
          double r2 = 0;
          for (int k = 0; k < d; k++) {
            double diff = z[i * d + k] - z[j * d + k];
            r2 += diff * diff;
          }
          double value = v * Math.exp(-r2 / l + 0.5 * Math.abs(times[i] - times[j]) * logKeep);
          c[i * rows + j] = value;
          c[j * rows + i] = value;
        }
      }
      return c;
    }

    double negativeLog(double[] theta, double[] gradient) {
      double[] k = kernel(z, times, n, d, theta);
      double noise = Math.exp(theta[3]);
      double[] c = k.clone();
      for (int i = 0; i < n; i++) {
        c[i * n + i] += noise;
      }
      Cholesky chol = Cholesky.factor(c, n);
      if (chol == null) {
        Arrays.fill(gradient, 0);
        return Double.POSITIVE_INFINITY;
      }
      double[] alpha = y.clone();
      chol.solve(alpha);
      double fit = 0;
      for (int i = 0; i < n; i++) {
        fit += y[i] * alpha[i];
      }
      double[] inverse = chol.inverse();
      double l = Math.exp(theta[1]);
      double eps = Math.exp(theta[2]);
      Arrays.fill(gradient, 0);
      // d(-log L)/d theta = 0.5 tr((C^{-1} - alpha alpha^T) dC/d theta)
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double w = 0.5 * (inverse[i * n + j] - alpha[i] * alpha[j]);
          double kij = k[i * n + j];
          double r2 = 0;
          for (int q = 0; q < d; q++) {
            double diff = z[i * d + q] - z[j * d + q];
            r2 += diff * diff;
          }
          gradient[0] += w * kij;
          gradient[1] += w * kij * r2 / l;
          gradient[2] += w * kij * -0.5 * Math.abs(times[i] - times[j]) * eps / (1 - eps);
          if (i == j) {
            gradient[3] += w * noise;
          }
        }
      }
      return 0.5 * fit + chol.halfLogDet();
    }
  }
}
