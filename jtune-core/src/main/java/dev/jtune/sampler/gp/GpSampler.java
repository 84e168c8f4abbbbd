package dev.jtune.sampler.gp;

import dev.jtune.internal.TrialSeeds;
import dev.jtune.sampler.Constraints;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.sampler.Sampler;
import dev.jtune.sampler.SobolSampler;
import dev.jtune.space.Distribution;
import dev.jtune.space.SearchSpace;
import dev.jtune.study.StudyDirection;
import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bayesian optimization with a Gaussian process: after {@link GpConfig#startupTrials()} Sobol'
 * trials, each trial fits a GP to the completed trials and proposes the point that maximizes an
 * acquisition function (log expected improvement by default).
 *
 * <p>The model (Rasmussen and Williams 2006; the choices follow Optuna's {@code GPSampler}):
 * <ul>
 *   <li>inputs: each parameter of the joint space mapped to the unit interval ({@link GpSpace}: log
 *       scale in log space, integers and steps on the centres of their cells, categoricals as
 *       unordered levels);
 *   <li>outputs: the objective, negated when minimizing, bad outliers raised to Tukey's lower
 *       fence ({@link #clipBadOutliers}), standardized to mean 0 and variance 1 (infinite values
 *       clipped to the finite range), then by default warped by a Yeo-Johnson
 *       power transform fitted to them ({@link YeoJohnson}, HEBO's choice, not Optuna's) and
 *       standardized again; the prior mean is the constant, by default plus a non-positive multiple
 *       of the squared distance from the centre of the domain, that best explains them once the
 *       kernel is fitted (the generalized-least-squares estimate, see
 *       {@link GaussianProcess#withQuadraticGlsMean()} and {@link GpConfig#priorMean()}), not their
 *       average;
 *   <li>kernel: Matérn 5/2 with one length scale per parameter and a Hamming distance for
 *       categoricals ({@link Kernel}); length scales, scale and noise fitted by maximizing the
 *       marginal likelihood with priors, from several starts, warm-started from the previous fit
 *       ({@link KernelFit});
 *   <li>acquisition: log-EI ({@link LogEi}) over the best posterior mean at an observed point
 *       (with the kriging believer, running trials' fantasies included), or UCB; maximized by
 *       Sobol' candidates and gradient-based local search within the bounds, and proposals always
 *       land on the grid of integer and stepped parameters ({@link AcquisitionOptimizer});
 *   <li>noisy objectives: once the fitted noise is large enough, four of every five late trials
 *       go to probes around the posterior mean's maximizer and to the maximizer itself instead
 *       ({@link NoisyRefinement}, {@link GpConfig#refineNoisy()});
 *   <li>running trials: counted as observed at the model's mean (kriging believer) or at the worst
 *       value (constant liar), so that parallel workers spread out. A proposal is stored in the
 *       trial's system attribute {@value #RELATIVE_PARAMS} at once, so that other workers, in this
 *       process or another, see where a running trial is before its objective has suggested
 *       anything.
 * </ul>
 *
 * <p>The joint space is every parameter that completed trials have, with one distribution, except
 * conditional parameters whose condition cannot be learned. A parameter only some trials have is
 * modelled with an "absent" value in the others ({@link GpSpace}) when {@link Conditions} finds
 * what it depends on (present exactly when a categorical or small discrete parameter takes certain
 * values), and candidates are scored with it absent whenever their parent says so. A parameter
 * outside the joint space (new in this trial, suggested with different distributions, or
 * conditional on something else) is drawn at random, and the first time that happens for a name
 * an INFO line says so. A study of several objectives is modelled by ParEGO ({@link ParEgo}):
 * each trial scalarizes the objectives with its own random weights (augmented Chebyshev on
 * objectives normalized over the completed trials) and the GP proposes for that one value; noisy
 * refinement is then off, since each trial asks another question. In a constrained study
 * ({@link Constraints}: the function given here, or the values the study stored with its trials)
 * each constraint gets a GP of its own ({@link FeasibilityModel}) and the acquisition becomes
 * log-EI over the best feasible trial plus the log-probability that every constraint holds
 * (Gardner et al. 2014), the probability alone while no trial is feasible; noisy refinement is
 * off there too.
 *
 * <p>Cost: a suggestion conditions the GP on all {@code n} completed trials ({@code n^3 / 3} for the
 * factorization, {@code n^2} per candidate scored), and the hyperparameter fit costs about
 * {@code n^3} per likelihood evaluation; tens of milliseconds at a few hundred trials, seconds past
 * a thousand. Each constraint of a constrained study adds a GP of its own and its fit (measured on
 * 100 trials of a two-parameter problem: 17 ms per trial unconstrained, 25-27 ms with one
 * constraint, 42-44 ms with three). For long studies prefer TPE or CMA-ES.
 *
 * <p>Reproducibility and threads: each suggestion's randomness derives from the seed and the
 * trial's number, and the fit is warm-started from the fit of the trial numbered just below, so a
 * seeded study is reproducible on one thread and, under
 * {@link dev.jtune.study.OptimizeOptions.ParallelHistory#REPRODUCIBLE} (the default), on several.
 * Thread-safe: concurrent suggestions compute independently; past fits are kept in a concurrent
 * map.
 */
public final class GpSampler implements Sampler {
  /** System attribute holding a trial's proposal (internal values by parameter name). */
  public static final String RELATIVE_PARAMS = "gp:relative_params";
  private static final Logger LOG = LoggerFactory.getLogger(GpSampler.class);
  private static final double STANDARDIZE_EPS = 1e-10;
  private static final int FIT_ITERATIONS = 200;
  private static final double FIT_TOLERANCE = 1e-2;

  private final GpConfig config;
  private final Constraints constraints;
  private final SobolSampler startup;
  private final RandomSampler independent;
  private final Set<String> reportedIndependent = ConcurrentHashMap.newKeySet();
  /**
   * Per study ({@link StudyView#cacheKey()}), fits by the number of the trial that made them; each
   * trial warm-starts from the one below.
   */
  final Map<Object, ConcurrentSkipListMap<Integer, FitState>> fits =
      new ConcurrentHashMap<>();
  /** Per study, the constraint models' fits by trial number ({@link FeasibilityModel}). */
  private final Map<Object, ConcurrentSkipListMap<Integer, FeasibilityModel.Fits>> constraintFits =
      new ConcurrentHashMap<>();
  /** How many past fits {@link #fits} keeps. */
  static final int KEPT_FITS = 64;

  /**
   * The last fit: for which parameters and trials, its hyperparameters, how many trials there were
   * when they were last optimized, and the output warp's exponent then.
   */
  record FitState(List<String> names, List<Integer> trials, KernelFit.Hyperparameters fit,
      int optimizedAt, double warp) {}

  /**
   * Past {@link GpConfig#SINGLE_RESTART_TRIALS}, a change of the output warp's exponent beyond
   * which the hyperparameters are optimized again even before the trials have grown by
   * {@link GpConfig#REFIT_GROWTH}: a new extreme trial can bend the warped outputs, which a shift
   * and a scale (what standardizing absorbs) do not undo.
   */
  private static final double REFIT_WARP_CHANGE = 0.2;

  /** A sampler with the given settings. */
  public GpSampler(GpConfig config) {
    this(config, null);
  }

  /**
   * A sampler for a constrained study ({@link Constraints}; {@code null} for none): expected
   * improvement over the best feasible trial, times the probability that every constraint holds,
   * each constraint modelled by a GP of its own ({@link FeasibilityModel}); while no trial is
   * feasible, the probability alone. Values stored with the trials count before the function, and
   * without a function the stored values alone are used. With {@link GpConfig.Acquisition#UCB} the
   * log-probabilities are added to the bound as a penalty (a sum, not a product).
   */
  public GpSampler(GpConfig config, Constraints constraints) {
    this.config = java.util.Objects.requireNonNull(config, "config");
    this.constraints = constraints;
    this.startup = new SobolSampler(config.seed());
    this.independent = new RandomSampler(config.seed());
  }

  /** A sampler with the default settings and the given seed. */
  public GpSampler(long seed) {
    this(GpConfig.defaults().withSeed(seed));
  }

  /** The settings. */
  public GpConfig config() {
    return config;
  }

  @Override
  public Constraints constraints() {
    return constraints;
  }

  @Override
  public SearchSpace relativeSearchSpace(StudyView study, FrozenTrial trial) {
    List<FrozenTrial> complete = study.trials(EnumSet.of(TrialState.COMPLETE));
    if (complete.size() < config.startupTrials()) {
      return SearchSpace.empty();
    }
    return Conditions.modelled(jointSpace(complete), complete);
  }

  /** Every non-fixed parameter of the trials that always has the same distribution. */
  static SearchSpace jointSpace(List<FrozenTrial> trials) {
    Map<String, Distribution> seen = new LinkedHashMap<>();
    Set<String> conflicting = new HashSet<>();
    for (FrozenTrial t : trials) {
      t.distributions().forEach((name, d) -> {
        if (d.isSingle()) {
          return;
        }
        Distribution previous = seen.putIfAbsent(name, d);
        if (previous != null && !previous.equals(d)) {
          conflicting.add(name);
        }
      });
    }
    conflicting.forEach(seen::remove);
    return SearchSpace.of(seen);
  }

  @Override
  public Map<String, Double> sampleRelative(StudyView study, FrozenTrial trial, SearchSpace space) {
    if (space.isEmpty()) {
      return Map.of();
    }
    List<FrozenTrial> complete = new ArrayList<>();
    List<FrozenTrial> running = new ArrayList<>();
    for (FrozenTrial t : study.trials(EnumSet.of(TrialState.COMPLETE, TrialState.RUNNING))) {
      if (t.state() == TrialState.COMPLETE) {
        complete.add(t);
      } else if (!t.id().equals(trial.id())) {
        running.add(t);
      }
    }
    if (complete.size() < config.startupTrials()) {
      return Map.of();
    }
    GpSpace gpSpace = new GpSpace(space, Conditions.infer(space, complete));
    int d = gpSpace.dimensions();
    int n = complete.size();
    double[] x = new double[n * d];
    double[] y = new double[n];
    List<StudyDirection> directions = study.directions();
    boolean several = directions.size() > 1;
    double sign = directions.get(0) == StudyDirection.MINIMIZE ? -1 : 1;
    List<Integer> numbers = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      FrozenTrial t = complete.get(i);
      gpSpace.encode(t.internalParams(), t.distributions(), x, i);
      y[i] = several ? 0 : sign * t.value();
      numbers.add(t.number());
    }
    if (several) {
      // its own stream: one objective's draws stay as they were
      y = ParEgo.scalarize(complete, directions, ParEgo.weights(directions.size(),
          TrialSeeds.random(config.seed(), trial.number(), "parego")));
    }
    clipBadOutliers(y);
    standardize(y);
    YeoJohnson warp = config.warpOutputs() ? YeoJohnson.fit(y) : YeoJohnson.IDENTITY;
    if (config.warpOutputs()) {
      warp.applyInPlace(y);
      standardize(y);
    }
    SplittableRandom rng = TrialSeeds.random(config.seed(), trial.number(), "gp");
    GaussianProcess observed; // the completed trials only
    GaussianProcess gp; // and the running trials' fantasies
    Constraints constrained = Constraints.forTrials(constraints, complete);
    FeasibilityModel feasibility = null;
    try {
      if (constrained != null) {
        feasibility = FeasibilityModel.fit(complete, constrained, x, gpSpace,
            config.deterministicObjective(), constraintFits.computeIfAbsent(study.cacheKey(),
                id -> new ConcurrentSkipListMap<>()), trial.number());
      }
      KernelFit.Hyperparameters h = fit(gpSpace, x, y, n, numbers, warp.lambda(), !several,
          fits.computeIfAbsent(study.cacheKey(), id -> new ConcurrentSkipListMap<>()), trial.number(),
          rng);
      Kernel kernel = new Kernel(h.inverseSquaredLengthScales(), h.scale(), gpSpace.categorical());
      GaussianProcess conditioned = GaussianProcess.condition(x, y, n, kernel, h.noise());
      observed = config.priorMean() == GpConfig.PriorMean.QUADRATIC
          ? conditioned.withQuadraticGlsMean() : conditioned.withGlsMean();
      gp = withRunningTrials(observed, gpSpace, space, running, y);
    } catch (ArithmeticException e) {
      LOG.warn("GpSampler could not fit a model for trial {} ({}); its parameters are sampled at "
          + "random", trial.number(), e.getMessage());
      return Map.of();
    }
    // the trials an improvement is measured against: the feasible ones, and under the kriging
    // believer the running trials' fantasies (believed, as below)
    boolean believe = config.runningTrials() == GpConfig.RunningTrials.KRIGING_BELIEVER;
    boolean[] counted = new boolean[believe ? gp.size() : n];
    for (int i = 0; i < counted.length; i++) {
      counted[i] = i >= n || feasibility == null || feasibility.feasible(i);
    }
    boolean anyCounted = feasibility == null || feasibility.anyFeasible();
    int bestRow = 0;
    for (int i = 1; i < n; i++) {
      if (!counted[bestRow] || counted[i] && y[i] > y[bestRow]) {
        bestRow = i;
      }
    }
    if (!anyCounted) {
      bestRow = feasibility.leastViolating(); // the warm start of the search for feasibility
    }
    // Under the kriging believer the incumbent counts the running trials' fantasies too: it
    // believes them, so a point whose predicted mean beats the best observation stops promising
    // improvement once a running trial sits there (without this, EI = mean - best > 0 there
    // however small the variance, and two workers asked one after the other proposed the same
    // point). A constant liar's lie is the worst value, which already removes the improvement.
    int incumbents = believe ? gp.size() : n;
    AcquisitionFunction acquisition = config.acquisition() == GpConfig.Acquisition.LOG_EI
        ? new AcquisitionFunction.LogExpectedImprovement(feasibility != null && anyCounted
            ? gp.maxMeanAtObservations(counted) : gp.maxMeanAtObservations(incumbents))
        : new AcquisitionFunction.UpperConfidenceBound(config.ucbKappa());
    List<AcquisitionOptimizer.Term> terms = new ArrayList<>();
    if (anyCounted || feasibility.terms().isEmpty()) {
      terms.add(new AcquisitionOptimizer.Term(gp, acquisition));
    }
    if (feasibility != null) {
      // log EI + sum of log P(constraint holds); with no feasible trial yet, the probability alone
      terms.addAll(feasibility.terms());
    }
    double[] warm = new double[d];
    System.arraycopy(x, bestRow * d, warm, 0, d);
    for (int k = 0; k < d; k++) {
      if (gpSpace.kind(k) == GpSpace.Kind.CATEGORICAL && warm[k] < 0) {
        warm[k] = 0; // an absent categorical is no proposal
      }
    }
    double[] proposal = config.refineNoisy() && !several && feasibility == null
        ? NoisyRefinement.propose(observed, gpSpace, trial.number(), n, config.candidates(),
            config.localSearches(), warm, config.seed(), rng)
        : null;
    if (proposal != null) {
      if (LOG.isDebugEnabled()) {
        LOG.debug("trial {}: noisy refinement ({}) at {}", trial.number(),
            NoisyRefinement.role(trial.number()), java.util.Arrays.toString(proposal));
      }
    } else {
      AcquisitionOptimizer.Optimum optimum = new AcquisitionOptimizer(terms, gpSpace)
          .maximize(config.candidates(), config.localSearches(), List.of(warm), rng);
      if (LOG.isDebugEnabled()) {
        LOG.debug("trial {}: length scales {}, scale {}, noise {}, acquisition {} at {}",
            trial.number(), java.util.Arrays.toString(gp.kernel().lengthScales()),
            gp.kernel().scale(), gp.noise(), optimum.value(),
            java.util.Arrays.toString(optimum.x()));
      }
      proposal = optimum.x();
    }
    Map<String, Double> params = gpSpace.decode(proposal);
    try {
      study.setTrialSystemAttr(trial.id(), RELATIVE_PARAMS, params);
    } catch (UnsupportedOperationException e) {
      LOG.debug("cannot share the proposal of trial {}: {}", trial.number(), e.getMessage());
    }
    return params;
  }

  /**
   * The kernel's hyperparameters for trial {@code number}, warm-started from the fit of the
   * highest-numbered trial below it (the previous trial on one thread; under a reproducible
   * parallel history that trial's joint phase has run, so the choice does not depend on timing).
   * With {@code reuse}, the previous fit is returned as it is when it saw the same trials, or
   * nearly as many; without (ParEGO, whose targets are another scalarization each trial), it is
   * only a starting point.
   */
  private KernelFit.Hyperparameters fit(GpSpace gpSpace, double[] x, double[] y, int n,
      List<Integer> numbers, double warp, boolean reuse,
      ConcurrentSkipListMap<Integer, FitState> fits, int number, SplittableRandom rng) {
    Map.Entry<Integer, FitState> below = fits.lowerEntry(number);
    FitState previous = below == null ? null : below.getValue();
    boolean sameSpace = previous != null && previous.names().equals(gpSpace.names());
    if (reuse && sameSpace && previous.trials().equals(numbers)) {
      return previous.fit(); // another worker fitted exactly these trials
    }
    if (reuse && sameSpace && n > GpConfig.SINGLE_RESTART_TRIALS
        && n < previous.optimizedAt() * (1 + GpConfig.REFIT_GROWTH)
        && Math.abs(warp - previous.warp()) <= REFIT_WARP_CHANGE) {
      remember(fits, number, new FitState(previous.names(), List.copyOf(numbers), previous.fit(),
          previous.optimizedAt(), previous.warp()));
      return previous.fit();
    }
    int d = gpSpace.dimensions();
    List<KernelFit.Hyperparameters> starts = new ArrayList<>();
    if (sameSpace) {
      starts.add(previous.fit());
    }
    starts.add(KernelFit.Hyperparameters.defaults(d));
    int wanted = n > GpConfig.SINGLE_RESTART_TRIALS ? starts.size() : config.fitRestarts();
    while (starts.size() < wanted) {
      double[] w = new double[d];
      for (int k = 0; k < d; k++) {
        w[k] = Math.exp(rng.nextDouble(-3, 3));
      }
      starts.add(new KernelFit.Hyperparameters(w, Math.exp(rng.nextDouble(-1, 1)),
          Math.exp(rng.nextDouble(-10, 0))));
    }
    KernelFit.Hyperparameters h = new KernelFit(x, y, n, gpSpace.categorical(),
        config.deterministicObjective()).fit(starts, FIT_ITERATIONS, FIT_TOLERANCE);
    remember(fits, number, new FitState(gpSpace.names(), List.copyOf(numbers), h, n, warp));
    return h;
  }

  private static void remember(ConcurrentSkipListMap<Integer, FitState> fits, int number,
      FitState state) {
    fits.put(number, state);
    fits.headMap(number - KEPT_FITS).clear();
  }

  private GaussianProcess withRunningTrials(GaussianProcess gp, GpSpace gpSpace, SearchSpace space,
      List<FrozenTrial> running, double[] y) {
    int d = gpSpace.dimensions();
    double[] xr = new double[running.size() * d];
    int r = 0;
    for (FrozenTrial t : running) {
      Map<String, Double> params = new LinkedHashMap<>();
      Map<String, Distribution> dists = new LinkedHashMap<>();
      if (t.systemAttrs().get(RELATIVE_PARAMS) instanceof Map<?, ?> proposal) {
        proposal.forEach((name, v) -> {
          if (name instanceof String s && v instanceof Number number && space.has(s)) {
            params.put(s, number.doubleValue());
            dists.put(s, space.get(s));
          }
        });
      }
      if (t.systemAttrs().get(FrozenTrial.FIXED_PARAMS) instanceof Map<?, ?> fixed) {
        // an enqueued value replaces the proposal: it is where the trial is evaluated
        fixed.forEach((name, v) -> {
          if (name instanceof String s && space.has(s)) {
            try {
              params.put(s, space.get(s).toInternal(v));
              dists.put(s, space.get(s));
            } catch (IllegalArgumentException outside) {
              params.remove(s); // the trial fails when it suggests it
            }
          }
        });
      }
      params.putAll(t.internalParams());
      dists.putAll(t.distributions());
      if (gpSpace.names().stream().noneMatch(params::containsKey)) {
        continue; // nothing known yet about where it is
      }
      gpSpace.encode(params, dists, xr, r);
      gpSpace.canonicalize(xr, r * d);
      r++;
    }
    if (r == 0) {
      return gp;
    }
    double[] yr = new double[r];
    double worst = Double.POSITIVE_INFINITY;
    for (double v : y) {
      worst = Math.min(worst, v);
    }
    double[] row = new double[d];
    for (int j = 0; j < r; j++) {
      if (config.runningTrials() == GpConfig.RunningTrials.KRIGING_BELIEVER) {
        System.arraycopy(xr, j * d, row, 0, d);
        yr[j] = gp.predict(row).mean();
      } else {
        yr[j] = worst;
      }
    }
    return gp.withObservations(java.util.Arrays.copyOf(xr, r * d), yr, r);
  }

  /** How many interquartile ranges below the lower quartile a value may lie (Tukey's fence). */
  static final double OUTLIER_FENCE = 1.5;

  /**
   * Raises values (higher is better) below Tukey's lower fence {@code Q1 - 1.5 IQR} of the finite
   * values to the fence; the good side is left alone. A trial whose training diverged (a loss of
   * 1e6 among losses below 1) would otherwise take the whole standardized range and squeeze the
   * other trials' differences into a sliver the GP reads as noise: on a bowl where a third of the
   * square returns 1e6, the best of 30 trials had regret 5e-4 to 2e-2 without this and 1e-7 to
   * 4e-3 with it (8 seeds). Needs four finite values and a positive IQR; otherwise does nothing.
   */
  static void clipBadOutliers(double[] y) {
    double[] sorted = java.util.Arrays.stream(y).filter(Double::isFinite).sorted().toArray();
    if (sorted.length < 4) {
      return;
    }
    double q1 = sorted[(int) Math.floor(0.25 * (sorted.length - 1))];
    double q3 = sorted[(int) Math.ceil(0.75 * (sorted.length - 1))];
    if (!(q3 > q1)) {
      return;
    }
    double fence = q1 - OUTLIER_FENCE * (q3 - q1);
    for (int i = 0; i < y.length; i++) {
      y[i] = Math.max(y[i], fence);
    }
  }

  /**
   * Clips infinities to the finite range, then shifts and scales to mean 0 and variance 1. Huge
   * finite values (a {@code Double.MAX_VALUE} penalty) are first divided by the largest magnitude,
   * which leaves the result unchanged but keeps the sums from overflowing (they made every target
   * NaN, or 0).
   *
   * @return where 0 lands
   */
  static double standardize(double[] y) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : y) {
      if (Double.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (lo > hi) {
      lo = 0;
      hi = 0;
    }
    double scale = Math.max(Math.abs(lo), Math.abs(hi));
    double divisor = scale > 1e150 ? scale : 1;
    double mean = 0;
    for (int i = 0; i < y.length; i++) {
      y[i] = Math.min(Math.max(y[i], lo), hi) / divisor;
      mean += y[i];
    }
    mean /= y.length;
    double var = 0;
    for (double v : y) {
      var += (v - mean) * (v - mean);
    }
    double sd = Math.max(Math.sqrt(var / y.length), STANDARDIZE_EPS);
    for (int i = 0; i < y.length; i++) {
      y[i] = (y[i] - mean) / sd;
    }
    return -mean / sd;
  }

  @Override
  public double sampleIndependent(
      StudyView study, FrozenTrial trial, String name, Distribution distribution) {
    int complete = study.trials(EnumSet.of(TrialState.COMPLETE)).size();
    if (complete < config.startupTrials()) {
      return startup.sampleIndependent(study, trial, name, distribution);
    }
    if (reportedIndependent.add(name)) {
      LOG.info("GpSampler: parameter '{}' of trial {} is outside the joint search space the GP "
          + "models (no completed trial has it, or it was suggested with different "
          + "distributions); it is sampled independently at random", name, trial.number());
    } else {
      LOG.debug("GpSampler: parameter '{}' of trial {} sampled independently at random", name,
          trial.number());
    }
    return independent.sampleIndependent(study, trial, name, distribution);
  }

  @Override
  public String toString() {
    return "GpSampler(" + config + ")";
  }
}
