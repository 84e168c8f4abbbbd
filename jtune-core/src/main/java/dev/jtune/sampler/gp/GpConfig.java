package dev.jtune.sampler.gp;

import dev.jtune.internal.TrialSeeds;

/**
 * Settings of a {@link GpSampler}. Each default is declared once, in {@link #defaults()}, with its
 * reason below; copy with the {@code withX} methods.
 *
 * <ul>
 *   <li>{@code startupTrials = 20}: Sobol' trials before the first model (Optuna uses 10). A GP
 *       fitted to few points mostly learns its prior and commits to the first basin it sees; on
 *       Hartmann6 (6 parameters) 20 evenly spread points let 5 of 8 seeds find the global basin
 *       within 100 trials, against 2 to 4 of 8 with 10.
 *   <li>{@code acquisition = LOG_EI}: expected improvement in log space (Ament et al. 2023), which
 *       keeps a usable gradient where plain EI underflows to 0, over the best posterior mean at an
 *       observed point (with noisy observations the best observation is optimistic; with the
 *       kriging believer the running trials' fantasies count as observed points);
 *       {@code UCB} is the option for users who want a fixed exploration weight.
 *   <li>{@code ucbKappa = 2}: the weight of the posterior standard deviation in UCB, about a 98%
 *       one-sided bound.
 *   <li>{@code deterministicObjective = false}: the noise variance is fitted (with a prior that
 *       favours little noise); {@code true} pins it at the floor of 1e-6, for objectives that return
 *       the same value for the same parameters.
 *   <li>{@code warpOutputs = true}: the objective goes through a Yeo-Johnson power transform
 *       fitted to the completed trials between two standardizations ({@link YeoJohnson}, as HEBO
 *       does), so a long tail of very good or very bad values does not dictate the kernel's length
 *       scales. On the benchmark suite (30 seeds; docs/benchmarks.md) it lowered the median final
 *       regret on Rosenbrock (10^2.39 to 10^1.26), Branin and Ackley, reached the global basin of
 *       both Hartmann6 problems more often (24 and 22 runs of 30, against 21 and 19), and left the
 *       others within noise; {@code false} models the standardized objective itself.
 *   <li>{@code priorMean = QUADRATIC}: where no trial is near, the model returns to its prior mean,
 *       and with a constant one the unexplored boundary of the domain (where the variance is
 *       largest) looks as good as a typical trial, so expected improvement keeps sending trials to
 *       the corners. The quadratic mean, fitted to the trials, makes the boundary look worse when
 *       the trials say the centre is better, and is the constant otherwise. Over 270 seeds (100
 *       trials; docs/benchmarks.md) it lowered the runs left in Hartmann6's second basin from 88
 *       to 66 (median regret 10^-4.11 to 10^-4.34) and with noise from 106 to 81 (10^-1.31 to
 *       10^-1.40), and on Levy (10 parameters, 30 seeds, 200 trials) the median from 10^-0.01 to
 *       10^-0.90. On Ackley it was slightly worse (10^0.30 to 10^0.33, on 21 of 30 seeds), on the
 *       other problems and on an optimum on a face of the domain within noise; an optimum in a
 *       corner was found exactly in 26 of 30 runs against 29 (the others stopped just short).
 *       {@code CONSTANT} is the constant alone.
 *   <li>{@code refineNoisy = true}: once {@value NoisyRefinement#AFTER_TRIALS} trials have
 *       completed and the fitted noise is at least 1% of the signal variance, four of every five
 *       trials go to probes on a contour around the posterior mean's maximizer and to the
 *       maximizer itself ({@link NoisyRefinement}), because with noise the best trial is the best
 *       <em>observed</em> one and only trials placed right at the optimum can be it. On Hartmann6
 *       with noise of standard deviation 0.1 (90 seeds, 100 trials, constant prior mean) the best
 *       trial's median regret went from 10^-1.06 to 10^-1.51 and the runs below 10^-1.5 from 12
 *       to 46. On Branin, Hartmann6, Rosenbrock and the mixed problem the model never fits that
 *       much noise and every proposal is unchanged; on Ackley, Levy and Styblinski-Tang, where it
 *       mistakes misfit for noise in some runs, the medians stayed within 0.04. {@code false}
 *       always follows the acquisition function.
 *   <li>{@code runningTrials = KRIGING_BELIEVER}: a running trial counts as observed at the model's
 *       mean, which keeps the mean, shrinks the variance around it and counts for log-EI's
 *       incumbent, so parallel workers do not all propose the same point (a worker that died
 *       without its trial being failed yet keeps counting until it is); {@code CONSTANT_LIAR}
 *       counts it at the worst value seen, which pushes workers further apart.
 *   <li>{@code candidates = 1024}: quasi-random points scored before the local searches (Optuna uses
 *       2048; 1024 keeps a suggestion within budget at a few hundred trials, and the local searches
 *       do the fine work).
 *   <li>{@code localSearches = 6}: gradient-based refinements per suggestion: the best candidate,
 *       the best observed point and four candidates drawn in proportion to their expected
 *       improvement (Optuna: 10).
 *   <li>{@code fitRestarts = 3}: starting points of the marginal-likelihood fit: the previous fit,
 *       the default hyperparameters and random ones, up to this many. Past
 *       {@value #SINGLE_RESTART_TRIALS} trials only the warm start and the default are used, and the
 *       hyperparameters are re-optimized only once the number of completed trials has grown by
 *       {@code REFIT_GROWTH} (5%) since the last optimization (the model is still conditioned on
 *       every trial each time): one evaluation of the likelihood costs {@code n^3} there (about
 *       10 ms at 300 trials), a fit tens of them, and the optimum moves little from one trial to
 *       the next.
 * </ul>
 *
 * @param startupTrials completed trials before the GP is used; {@code >= 1}
 * @param acquisition the acquisition function
 * @param ucbKappa the exploration weight of UCB; {@code >= 0}
 * @param deterministicObjective whether to fix the noise variance at its floor
 * @param warpOutputs whether to pass the objective through a fitted power transform
 * @param priorMean the form of the model's prior mean
 * @param refineNoisy whether late trials of a noisy study localize the optimum and sample it
 * @param runningTrials how running trials enter the model
 * @param candidates quasi-random candidates per suggestion; {@code >= 1}
 * @param localSearches local searches per suggestion; {@code >= 1}. The best candidate and the best
 *     observed point are always refined, so 1 and 2 both run two
 * @param fitRestarts starting points of the hyperparameter fit; {@code >= 1}
 * @param seed the seed of every random choice
 */
public record GpConfig(
    int startupTrials,
    Acquisition acquisition,
    double ucbKappa,
    boolean deterministicObjective,
    boolean warpOutputs,
    PriorMean priorMean,
    boolean refineNoisy,
    RunningTrials runningTrials,
    int candidates,
    int localSearches,
    int fitRestarts,
    long seed) {

  /** Past this many completed trials the fit uses only the warm start and the default. */
  public static final int SINGLE_RESTART_TRIALS = 100;

  /**
   * Past {@link #SINGLE_RESTART_TRIALS}, the relative growth of the number of completed trials
   * after which the hyperparameters are optimized again.
   */
  public static final double REFIT_GROWTH = 0.05;

  /** The acquisition function. */
  public enum Acquisition {
    /**
     * Logarithm of expected improvement over the best posterior mean at an observed point (with
     * the kriging believer, running trials' fantasies included).
     */
    LOG_EI,
    /** Upper confidence bound {@code mean + kappa * sigma}. */
    UCB
  }

  /**
   * The model's prior mean, where the posterior returns far from every observation; fitted to the
   * completed trials by generalized least squares for each suggestion (running trials' fantasies
   * keep that fit).
   */
  public enum PriorMean {
    /** A constant. */
    CONSTANT,
    /**
     * A constant plus a non-positive multiple of the squared distance from the centre of the
     * domain over the numerical parameters (mapped to the unit cube); the constant alone when the
     * trials do not say the centre is better or the fit puts the centre above every trial. An
     * absent conditional parameter counts as centred, so a branch with fewer numerical
     * parameters looks nearer the centre.
     */
    QUADRATIC
  }

  /** How running trials (evaluated by other workers right now) enter the model. */
  public enum RunningTrials {
    /**
     * Observed at the posterior mean: keeps the mean, shrinks the variance nearby, and counts for
     * log-EI's incumbent, so the improvement its point promised is spent.
     */
    KRIGING_BELIEVER,
    /** Observed at the worst value seen so far. */
    CONSTANT_LIAR
  }

  public GpConfig {
    if (startupTrials < 1) {
      throw new IllegalArgumentException("startupTrials must be >= 1, got " + startupTrials);
    }
    java.util.Objects.requireNonNull(acquisition, "acquisition");
    java.util.Objects.requireNonNull(runningTrials, "runningTrials");
    java.util.Objects.requireNonNull(priorMean, "priorMean");
    if (!(ucbKappa >= 0) || Double.isInfinite(ucbKappa)) {
      throw new IllegalArgumentException("ucbKappa must be finite and >= 0, got " + ucbKappa);
    }
    if (candidates < 1) {
      throw new IllegalArgumentException("candidates must be >= 1, got " + candidates);
    }
    if (localSearches < 1) {
      throw new IllegalArgumentException("localSearches must be >= 1, got " + localSearches);
    }
    if (fitRestarts < 1) {
      throw new IllegalArgumentException("fitRestarts must be >= 1, got " + fitRestarts);
    }
  }

  /** The defaults, with a random seed. */
  public static GpConfig defaults() {
    return new GpConfig(20, Acquisition.LOG_EI, 2.0, false, true, PriorMean.QUADRATIC, true,
        RunningTrials.KRIGING_BELIEVER, 1024, 6, 3, TrialSeeds.randomSeed());
  }

  public GpConfig withStartupTrials(int value) {
    return new GpConfig(value, acquisition, ucbKappa, deterministicObjective, warpOutputs,
        priorMean, refineNoisy, runningTrials, candidates, localSearches, fitRestarts, seed);
  }

  public GpConfig withAcquisition(Acquisition value) {
    return new GpConfig(startupTrials, value, ucbKappa, deterministicObjective, warpOutputs,
        priorMean, refineNoisy, runningTrials, candidates, localSearches, fitRestarts, seed);
  }

  public GpConfig withUcbKappa(double value) {
    return new GpConfig(startupTrials, acquisition, value, deterministicObjective, warpOutputs,
        priorMean, refineNoisy, runningTrials, candidates, localSearches, fitRestarts, seed);
  }

  public GpConfig withDeterministicObjective(boolean value) {
    return new GpConfig(startupTrials, acquisition, ucbKappa, value, warpOutputs, priorMean,
        refineNoisy, runningTrials, candidates, localSearches, fitRestarts, seed);
  }

  public GpConfig withWarpOutputs(boolean value) {
    return new GpConfig(startupTrials, acquisition, ucbKappa, deterministicObjective, value,
        priorMean, refineNoisy, runningTrials, candidates, localSearches, fitRestarts, seed);
  }

  public GpConfig withPriorMean(PriorMean value) {
    return new GpConfig(startupTrials, acquisition, ucbKappa, deterministicObjective, warpOutputs,
        value, refineNoisy, runningTrials, candidates, localSearches, fitRestarts, seed);
  }

  public GpConfig withRefineNoisy(boolean value) {
    return new GpConfig(startupTrials, acquisition, ucbKappa, deterministicObjective, warpOutputs,
        priorMean, value, runningTrials, candidates, localSearches, fitRestarts, seed);
  }

  public GpConfig withRunningTrials(RunningTrials value) {
    return new GpConfig(startupTrials, acquisition, ucbKappa, deterministicObjective, warpOutputs,
        priorMean, refineNoisy, value, candidates, localSearches, fitRestarts, seed);
  }

  public GpConfig withCandidates(int value) {
    return new GpConfig(startupTrials, acquisition, ucbKappa, deterministicObjective, warpOutputs,
        priorMean, refineNoisy, runningTrials, value, localSearches, fitRestarts, seed);
  }

  public GpConfig withLocalSearches(int value) {
    return new GpConfig(startupTrials, acquisition, ucbKappa, deterministicObjective, warpOutputs,
        priorMean, refineNoisy, runningTrials, candidates, value, fitRestarts, seed);
  }

  public GpConfig withFitRestarts(int value) {
    return new GpConfig(startupTrials, acquisition, ucbKappa, deterministicObjective, warpOutputs,
        priorMean, refineNoisy, runningTrials, candidates, localSearches, value, seed);
  }

  public GpConfig withSeed(long value) {
    return new GpConfig(startupTrials, acquisition, ucbKappa, deterministicObjective, warpOutputs,
        priorMean, refineNoisy, runningTrials, candidates, localSearches, fitRestarts, value);
  }
}
