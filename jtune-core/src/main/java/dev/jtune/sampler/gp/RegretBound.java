package dev.jtune.sampler.gp;

import dev.jtune.space.Distribution;
import dev.jtune.space.SearchSpace;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A high-probability upper bound on how much better than the best trial so far any configuration
 * of the search space can be (Makarova et al. 2022, "Automatic Termination for Hyperparameter
 * Optimization"; Optuna's {@code RegretBoundEvaluator}, whose choices this follows).
 *
 * <p>A Gaussian process (this package's Matérn 5/2 kernel, fitted by maximum a posteriori with
 * Optuna's priors, {@code KernelFit.Prior.UNIT_SCALE}; zero prior mean) is fitted to the top trials, values turned to maximization and standardized. With
 * {@code β = 2 ln(d n² π² / (6 δ)) / 5} (Srinivas et al. 2010's confidence scaled down by 5, as
 * in the paper; {@code δ = 0.1}, {@code d} parameters, {@code n} top trials), the bound is the
 * largest upper confidence bound {@code μ + √β σ} over the top trials and random points of the
 * space, minus the largest lower confidence bound {@code μ − √β σ} over the top trials, scaled
 * back to the objective's units. As trials accumulate near the optimum the two meet, and the
 * bound falls towards the noise of the objective.
 */
public final class RegretBound {
  private static final double DELTA = 0.1;
  private static final int RANDOM_POINTS = 2048;
  private static final int FIT_ITERATIONS = 200;
  private static final double FIT_TOLERANCE = 1e-2;

  private RegretBound() {}

  /**
   * The bound, in the objective's units, over the parameters every complete trial has with one
   * distribution.
   *
   * @param trials the study's trials (only the COMPLETE ones are used)
   * @param topTrialsRatio the share of the best complete trials the GP is fitted to
   * @param minTopTrials the fewest trials fitted (all of them if there are fewer)
   * @param seed the random points' seed
   * @throws IllegalArgumentException if no trial is complete or the complete trials share no
   *     parameter
   */
  public static double of(List<FrozenTrial> trials, StudyDirection direction,
      double topTrialsRatio, int minTopTrials, long seed) {
    List<FrozenTrial> complete = trials.stream()
        .filter(t -> t.state() == TrialState.COMPLETE && Double.isFinite(t.value())).toList();
    if (complete.isEmpty()) {
      throw new IllegalArgumentException("no trial has completed with a finite value: the "
          + "regret bound needs at least one");
    }
    SearchSpace space = intersection(complete);
    if (space.isEmpty()) {
      throw new IllegalArgumentException("the complete trials share no parameter with one "
          + "distribution: the regret bound has no space to bound over");
    }
    GpSpace gpSpace = new GpSpace(space);
    int d = gpSpace.dimensions();
    double sign = direction == StudyDirection.MAXIMIZE ? 1 : -1;
    double[] values = complete.stream().mapToDouble(t -> sign * t.value()).toArray();
    int n = values.length;
    int top = Math.min(n, Math.max(minTopTrials, (int) (n * topTrialsRatio)));
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double threshold = sorted[n - top];
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (values[i] >= threshold) {
        rows.add(i);
      }
    }
    int m = rows.size();
    double[] x = new double[m * d];
    double[] y = new double[m];
    for (int r = 0; r < m; r++) {
      FrozenTrial t = complete.get(rows.get(r));
      gpSpace.encode(t.internalParams(), t.distributions(), x, r);
      y[r] = values[rows.get(r)];
    }
    double mean = Arrays.stream(y).average().orElseThrow();
    double variance = Arrays.stream(y).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
    double std = Math.max(1e-10, Math.sqrt(variance));
    for (int r = 0; r < m; r++) {
      y[r] = (y[r] - mean) / std;
    }
    KernelFit.Hyperparameters h = new KernelFit(x, y, m, gpSpace.categorical(), false,
        KernelFit.Prior.UNIT_SCALE).fit(List.of(KernelFit.Hyperparameters.defaults(d)), FIT_ITERATIONS, FIT_TOLERANCE);
    GaussianProcess gp = GaussianProcess.condition(x, y, m,
        new Kernel(h.inverseSquaredLengthScales(), h.scale(), gpSpace.categorical()), h.noise());
    double rootBeta = Math.sqrt(2 * Math.log(d * (double) m * m * Math.PI * Math.PI / 6 / DELTA)
        / 5);
    double[] mu = new double[m];
    double[] var = new double[m];
    gp.predict(x, m, mu, var);
    double maxUcb = Double.NEGATIVE_INFINITY;
    double maxLcb = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < m; r++) {
      double sd = Math.sqrt(Math.max(0, var[r]));
      maxUcb = Math.max(maxUcb, mu[r] + rootBeta * sd);
      maxLcb = Math.max(maxLcb, mu[r] - rootBeta * sd);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double[] points = new double[RANDOM_POINTS * d];
    double[] u = new double[d];
    for (int p = 0; p < RANDOM_POINTS; p++) {
      for (int k = 0; k < d; k++) {
        u[k] = rng.nextDouble();
      }
      gpSpace.fromCube(u);
      System.arraycopy(u, 0, points, p * d, d);
    }
    double[] pm = new double[RANDOM_POINTS];
    double[] pv = new double[RANDOM_POINTS];
    gp.predict(points, RANDOM_POINTS, pm, pv);
    for (int p = 0; p < RANDOM_POINTS; p++) {
      maxUcb = Math.max(maxUcb, pm[p] + rootBeta * Math.sqrt(Math.max(0, pv[p])));
    }
    return (maxUcb - maxLcb) * std;
  }

  /** The parameters every trial has, each with one distribution that has more than one value. */
  private static SearchSpace intersection(List<FrozenTrial> trials) {
    Map<String, Distribution> shared = new LinkedHashMap<>(trials.get(0).distributions());
    shared.values().removeIf(Distribution::isSingle);
    for (FrozenTrial t : trials) {
      shared.entrySet().removeIf(e -> !e.getValue().equals(t.distributions().get(e.getKey())));
    }
    return SearchSpace.of(shared);
  }
}
