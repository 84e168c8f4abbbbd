package dev.jtune.sampler.gp;

import dev.jtune.sampler.Constraints;
import dev.jtune.trial.FrozenTrial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One Gaussian process per constraint of a constrained study, and which completed trials are
 * feasible: what {@link GpSampler} multiplies expected improvement by (the probability that every
 * constraint holds, as Gardner et al. 2014 and Optuna's {@code GPSampler} do, constraints taken as
 * independent).
 *
 * <p>Each constraint's values are fitted as they are, after a warp that keeps their sign (so the
 * threshold stays at 0) and compresses their magnitude: {@code sign(c) log(1 + |c| / s)} with
 * {@code s} the median magnitude. A constraint such as "at most 20,000 weights" spans decades
 * (networks of 200 to 4 million weights), which a GP on the raw values reads as one outlier and
 * noise. The warped values are standardized; the threshold moves with them. A trial whose
 * constraints could not be had, or that has another number of them than most, is left out of the
 * constraint models (nothing is known of it) and is not feasible.
 *
 * <p>Kernels are fitted like the objective's: warm-started from the fit of the trial numbered just
 * below, and past {@link GpConfig#SINGLE_RESTART_TRIALS} trials reused until the trials have grown
 * by {@link GpConfig#REFIT_GROWTH}. Immutable once built; one per suggestion.
 */
final class FeasibilityModel {
  private static final int FIT_ITERATIONS = 200;
  private static final double FIT_TOLERANCE = 1e-2;

  /** Past fits of one study: by trial number, one hyperparameter set per constraint. */
  record Fits(List<String> names, int optimizedAt, List<KernelFit.Hyperparameters> each) {}

  private final double[] violations;
  private final List<GaussianProcess> models;
  private final List<Double> thresholds;

  private FeasibilityModel(double[] violations, List<GaussianProcess> models,
      List<Double> thresholds) {
    this.violations = violations;
    this.models = models;
    this.thresholds = thresholds;
  }

  /**
   * The model of {@code complete}'s constraints, whose encoded parameters are the rows of
   * {@code x} ({@code d} columns); without {@link #terms()} when no trial has constraint values to
   * learn from.
   *
   * @throws ArithmeticException if a constraint's process cannot be conditioned
   */
  static FeasibilityModel fit(List<FrozenTrial> complete, Constraints constraints, double[] x,
      GpSpace space, boolean deterministic, ConcurrentSkipListMap<Integer, Fits> fits,
      int number) {
    int n = complete.size();
    int d = space.dimensions();
    double[][] values = new double[n][];
    for (int i = 0; i < n; i++) {
      values[i] = constraints.evaluate(complete.get(i)).values();
    }
    int m = Constraints.usualCount(java.util.Arrays.asList(values));
    double[] violations = new double[n];
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      violations[i] = Double.POSITIVE_INFINITY;
      if (values[i] != null && values[i].length == m) {
        rows.add(i);
        violations[i] = Constraints.violation(values[i]);
      }
    }
    if (rows.isEmpty() || m == 0) {
      // nothing to learn from: no trial has values, or they have none (every one feasible)
      return new FeasibilityModel(violations, List.of(), List.of());
    }
    int r = rows.size();
    double[] xr = new double[r * d];
    for (int j = 0; j < r; j++) {
      System.arraycopy(x, rows.get(j) * d, xr, j * d, d);
    }
    Map.Entry<Integer, Fits> below = fits.lowerEntry(number);
    Fits previous = below == null ? null : below.getValue();
    boolean warm = previous != null && previous.names().equals(space.names())
        && previous.each().size() == m;
    boolean reuse = warm && r > GpConfig.SINGLE_RESTART_TRIALS
        && r < previous.optimizedAt() * (1 + GpConfig.REFIT_GROWTH);
    List<GaussianProcess> models = new ArrayList<>(m);
    List<Double> thresholds = new ArrayList<>(m);
    List<KernelFit.Hyperparameters> each = new ArrayList<>(m);
    for (int k = 0; k < m; k++) {
      double[] y = new double[r];
      for (int j = 0; j < r; j++) {
        y[j] = values[rows.get(j)][k];
      }
      double threshold = warpAndStandardize(y);
      KernelFit.Hyperparameters h;
      if (reuse) {
        h = previous.each().get(k);
      } else {
        List<KernelFit.Hyperparameters> starts = new ArrayList<>();
        if (warm) {
          starts.add(previous.each().get(k));
        }
        starts.add(KernelFit.Hyperparameters.defaults(d));
        h = new KernelFit(xr, y, r, space.categorical(), deterministic)
            .fit(starts, FIT_ITERATIONS, FIT_TOLERANCE);
      }
      each.add(h);
      Kernel kernel = new Kernel(h.inverseSquaredLengthScales(), h.scale(), space.categorical());
      models.add(GaussianProcess.condition(xr, y, r, kernel, h.noise()).withGlsMean());
      thresholds.add(threshold);
    }
    fits.put(number, new Fits(space.names(), reuse ? previous.optimizedAt() : r, List.copyOf(each)));
    fits.headMap(number - GpSampler.KEPT_FITS).clear();
    return new FeasibilityModel(violations, List.copyOf(models), List.copyOf(thresholds));
  }

  /**
   * Warps {@code y} in place by {@code sign(c) log(1 + |c| / s)}, {@code s} the median finite
   * magnitude (1 when that is 0), puts infinities one unit beyond the finite values and 0 (so each
   * stays on its side of the threshold), then standardizes it ({@link GpSampler#standardize});
   * returns where 0 lands.
   */
  static double warpAndStandardize(double[] y) {
    double[] magnitudes = java.util.Arrays.stream(y).filter(Double::isFinite).map(Math::abs)
        .sorted().toArray();
    double s = magnitudes.length == 0 ? 1 : magnitudes[magnitudes.length / 2];
    if (!(s > 0)) {
      s = 1;
    }
    double lo = 0; // the finite range, widened to hold the threshold
    double hi = 0;
    for (int i = 0; i < y.length; i++) {
      y[i] = Math.signum(y[i]) * Math.log1p(Math.abs(y[i]) / s);
      if (Double.isFinite(y[i])) {
        lo = Math.min(lo, y[i]);
        hi = Math.max(hi, y[i]);
      }
    }
    for (int i = 0; i < y.length; i++) {
      // an infinity stays on its side of the threshold (standardize alone would clip +inf to the
      // largest finite value, which is below 0 when every finite value is feasible)
      if (y[i] == Double.POSITIVE_INFINITY) {
        y[i] = hi + 1;
      } else if (y[i] == Double.NEGATIVE_INFINITY) {
        y[i] = lo - 1;
      }
    }
    return GpSampler.standardize(y);
  }

  /** Whether completed trial {@code i} (in the order given to {@link #fit}) is feasible. */
  boolean feasible(int i) {
    return violations[i] == 0;
  }

  /** Whether any completed trial is feasible. */
  boolean anyFeasible() {
    for (double v : violations) {
      if (v == 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The completed trial that misses its constraints least (infinitely for one without values;
   * ties: the first): where a search for feasibility starts while none is feasible.
   */
  int leastViolating() {
    int best = 0;
    for (int i = 1; i < violations.length; i++) {
      if (violations[i] < violations[best]) {
        best = i;
      }
    }
    return best;
  }

  /**
   * The acquisition's terms for the constraints: for each, its process and the log-probability
   * that its value lies at or below its threshold.
   */
  List<AcquisitionOptimizer.Term> terms() {
    List<AcquisitionOptimizer.Term> out = new ArrayList<>(models.size());
    for (int k = 0; k < models.size(); k++) {
      out.add(new AcquisitionOptimizer.Term(models.get(k),
          new AcquisitionFunction.LogProbabilityBelow(thresholds.get(k))));
    }
    return out;
  }
}
