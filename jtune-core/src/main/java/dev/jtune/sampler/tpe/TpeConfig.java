package dev.jtune.sampler.tpe;

import dev.jtune.internal.TrialSeeds;

/**
 * The settings of a {@link TpeSampler}. Start from {@link #defaults()} and change what you need
 * with the {@code withX} copies. Each default is Optuna 3.x's unless said otherwise, and each is
 * there for the reason given.
 *
 * @param startupTrials finished trials before the model is used; until then parameters are drawn
 *     quasi-randomly. Default 10 (Optuna's): the Parzen estimators need a few points in both
 *     groups, and Watanabe (2023) found more startup trials only slow TPE down on most problems.
 * @param eiCandidates points drawn from the good-trials model per suggestion, of which the one
 *     with the largest density ratio {@code l(x)/g(x)} (the expected-improvement maximizer) wins.
 *     Default 24 (Bergstra 2011 and Optuna): more exploits harder, fewer explores more.
 * @param multivariate whether parameters are modelled jointly (products of kernels, Falkner et al.
 *     2018) rather than one at a time. Default {@code false} (Optuna's): the independent model is
 *     the better ranked one on our suite and in Optuna's own benchmarks at small budgets; the joint
 *     one helps when parameters interact strongly.
 * @param group with {@code multivariate}: split the space into groups of parameters that always
 *     appear together and model each group jointly, so define-by-run conditional spaces are
 *     sampled jointly too. Default {@code true} (Optuna defaults to {@code false} only for
 *     backward compatibility; without it a conditional parameter is always sampled independently).
 *     Ignored without {@code multivariate}.
 * @param constantLiar whether trials still running count as observations in the bad group, so
 *     parallel workers do not all propose the same point. Default {@code true} (Optuna defaults to
 *     {@code false}): on one thread it changes nothing, since only the trial being sampled runs.
 * @param considerPrior whether each estimator has a prior component (centred, as wide as the
 *     range). Default {@code true}: it keeps every region reachable.
 * @param priorWeight the prior component's weight relative to an observation's; default 1.0.
 * @param considerMagicClip whether bandwidths are at least {@code range / min(100, n + 1)}
 *     (Bergstra's heuristic). Default {@code true}: without it kernels around close points collapse
 *     and the model over-exploits.
 * @param considerEndpoints whether the bounds count as neighbours when choosing the bandwidth of
 *     the outermost observations. Default {@code false}: with it, a point near a bound gets a tiny
 *     kernel.
 * @param bandwidthWeightedScore whether, when candidates are scored by {@code l(x)/g(x)}, each
 *     continuous kernel enters as {@code phi(z) / mass} (its density times its bandwidth) instead
 *     of the normalized {@code phi(z) / (sigma * mass)}, i.e. with a weight proportional to its
 *     bandwidth. Default {@code true}: this is what the peer, Optuna 3.1 (and every Optuna before
 *     3.5), computes, since its truncated-normal log density omits {@code -log sigma}
 *     (optuna#5109, fixed in 3.5), and on our suite it ranks clearly better than normalized
 *     kernels over 30 seeds (docs/benchmarks.md), presumably because wide kernels (the prior,
 *     isolated points) keep more say in the score, so the search explores more. Sampling from
 *     {@code l} always uses the normalized mixture; grid parameters use cell masses either way.
 * @param gammaFraction with {@code gammaCap}, the adaptive split: the best
 *     {@code min(ceil(gammaFraction * n), gammaCap)} of {@code n} finished trials are the good
 *     group. Default 0.1 (Optuna's {@code default_gamma}; Watanabe 2023 found small fractions best
 *     for most budgets).
 * @param gammaCap the largest good group; default 25 (Optuna's), so that the good model stays
 *     sharp in long studies.
 * @param fullWeightTrials observations beyond the most recent {@code fullWeightTrials} of a group
 *     get linearly smaller weights, from {@code 1/n} for the oldest; default 25 (Optuna's
 *     {@code default_weights}); 0 for equal weights.
 * @param quasiRandomStartup whether startup trials come from a scrambled Sobol' sequence rather
 *     than independent uniform draws. Default {@code true} (a jtune choice; Optuna draws
 *     uniformly): the first points cover the space more evenly, which ranks better up to 50
 *     trials on our suite and within noise of uniform draws at 100 (docs/benchmarks.md).
 * @param seed fixes every draw: trial {@code n}'s randomness derives from {@code (seed, n)}
 */
public record TpeConfig(
    int startupTrials,
    int eiCandidates,
    boolean multivariate,
    boolean group,
    boolean constantLiar,
    boolean considerPrior,
    double priorWeight,
    boolean considerMagicClip,
    boolean considerEndpoints,
    boolean bandwidthWeightedScore,
    double gammaFraction,
    int gammaCap,
    int fullWeightTrials,
    boolean quasiRandomStartup,
    long seed) {

  public TpeConfig {
    if (startupTrials < 0) {
      throw new IllegalArgumentException("startupTrials must be >= 0, got " + startupTrials);
    }
    if (eiCandidates < 1) {
      throw new IllegalArgumentException("eiCandidates must be >= 1, got " + eiCandidates);
    }
    if (!(priorWeight > 0) || Double.isInfinite(priorWeight)) {
      throw new IllegalArgumentException("priorWeight must be positive and finite, got "
          + priorWeight);
    }
    if (!(gammaFraction > 0 && gammaFraction <= 1)) {
      throw new IllegalArgumentException("gammaFraction must be in (0, 1], got " + gammaFraction);
    }
    if (gammaCap < 1) {
      throw new IllegalArgumentException("gammaCap must be >= 1, got " + gammaCap);
    }
    if (fullWeightTrials < 0) {
      throw new IllegalArgumentException("fullWeightTrials must be >= 0, got " + fullWeightTrials);
    }
  }

  /** Every default, documented on the components, with a fresh random seed. */
  public static TpeConfig defaults() {
    return new TpeConfig(10, 24, false, true, true, true, 1.0, true, false, true, 0.1, 25, 25, true,
        TrialSeeds.randomSeed());
  }

  /** The good group's size for {@code n} finished trials. */
  public int goodTrials(int n) {
    return Math.min((int) Math.ceil(gammaFraction * n), gammaCap);
  }

  /** This config with another {@link #seed}. */
  public TpeConfig withSeed(long seed) {
    return new TpeConfig(startupTrials, eiCandidates, multivariate, group, constantLiar,
        considerPrior, priorWeight, considerMagicClip, considerEndpoints, bandwidthWeightedScore,
        gammaFraction, gammaCap,
        fullWeightTrials, quasiRandomStartup, seed);
  }

  /** This config with another {@link #startupTrials}; throws if negative. */
  public TpeConfig withStartupTrials(int startupTrials) {
    return new TpeConfig(startupTrials, eiCandidates, multivariate, group, constantLiar,
        considerPrior, priorWeight, considerMagicClip, considerEndpoints, bandwidthWeightedScore,
        gammaFraction, gammaCap,
        fullWeightTrials, quasiRandomStartup, seed);
  }

  /** This config with another {@link #eiCandidates}; throws if below 1. */
  public TpeConfig withEiCandidates(int eiCandidates) {
    return new TpeConfig(startupTrials, eiCandidates, multivariate, group, constantLiar,
        considerPrior, priorWeight, considerMagicClip, considerEndpoints, bandwidthWeightedScore,
        gammaFraction, gammaCap,
        fullWeightTrials, quasiRandomStartup, seed);
  }

  /** This config with {@link #multivariate} set. */
  public TpeConfig withMultivariate(boolean multivariate) {
    return new TpeConfig(startupTrials, eiCandidates, multivariate, group, constantLiar,
        considerPrior, priorWeight, considerMagicClip, considerEndpoints, bandwidthWeightedScore,
        gammaFraction, gammaCap,
        fullWeightTrials, quasiRandomStartup, seed);
  }

  /** This config with {@link #group} set (used with {@link #multivariate}). */
  public TpeConfig withGroup(boolean group) {
    return new TpeConfig(startupTrials, eiCandidates, multivariate, group, constantLiar,
        considerPrior, priorWeight, considerMagicClip, considerEndpoints, bandwidthWeightedScore,
        gammaFraction, gammaCap,
        fullWeightTrials, quasiRandomStartup, seed);
  }

  /** This config with {@link #constantLiar} set. */
  public TpeConfig withConstantLiar(boolean constantLiar) {
    return new TpeConfig(startupTrials, eiCandidates, multivariate, group, constantLiar,
        considerPrior, priorWeight, considerMagicClip, considerEndpoints, bandwidthWeightedScore,
        gammaFraction, gammaCap,
        fullWeightTrials, quasiRandomStartup, seed);
  }

  /**
   * This config with {@link #considerPrior} and {@link #priorWeight}; throws if the weight is not
   * positive and finite.
   */
  public TpeConfig withPrior(boolean considerPrior, double priorWeight) {
    return new TpeConfig(startupTrials, eiCandidates, multivariate, group, constantLiar,
        considerPrior, priorWeight, considerMagicClip, considerEndpoints, bandwidthWeightedScore,
        gammaFraction, gammaCap,
        fullWeightTrials, quasiRandomStartup, seed);
  }

  /** This config with {@link #considerMagicClip} set. */
  public TpeConfig withMagicClip(boolean considerMagicClip) {
    return new TpeConfig(startupTrials, eiCandidates, multivariate, group, constantLiar,
        considerPrior, priorWeight, considerMagicClip, considerEndpoints, bandwidthWeightedScore,
        gammaFraction, gammaCap,
        fullWeightTrials, quasiRandomStartup, seed);
  }

  /** This config with {@link #considerEndpoints} set. */
  public TpeConfig withEndpoints(boolean considerEndpoints) {
    return new TpeConfig(startupTrials, eiCandidates, multivariate, group, constantLiar,
        considerPrior, priorWeight, considerMagicClip, considerEndpoints, bandwidthWeightedScore,
        gammaFraction, gammaCap,
        fullWeightTrials, quasiRandomStartup, seed);
  }

  /** This config with {@link #bandwidthWeightedScore} set. */
  public TpeConfig withBandwidthWeightedScore(boolean bandwidthWeightedScore) {
    return new TpeConfig(startupTrials, eiCandidates, multivariate, group, constantLiar,
        considerPrior, priorWeight, considerMagicClip, considerEndpoints, bandwidthWeightedScore,
        gammaFraction, gammaCap, fullWeightTrials, quasiRandomStartup, seed);
  }

  /**
   * This config with another split, {@link #gammaFraction} in (0, 1] and {@link #gammaCap} >= 1.
   */
  public TpeConfig withGamma(double gammaFraction, int gammaCap) {
    return new TpeConfig(startupTrials, eiCandidates, multivariate, group, constantLiar,
        considerPrior, priorWeight, considerMagicClip, considerEndpoints, bandwidthWeightedScore,
        gammaFraction, gammaCap,
        fullWeightTrials, quasiRandomStartup, seed);
  }

  /** This config with another {@link #fullWeightTrials}; throws if negative. */
  public TpeConfig withFullWeightTrials(int fullWeightTrials) {
    return new TpeConfig(startupTrials, eiCandidates, multivariate, group, constantLiar,
        considerPrior, priorWeight, considerMagicClip, considerEndpoints, bandwidthWeightedScore,
        gammaFraction, gammaCap,
        fullWeightTrials, quasiRandomStartup, seed);
  }

  /** This config with {@link #quasiRandomStartup} set. */
  public TpeConfig withQuasiRandomStartup(boolean quasiRandomStartup) {
    return new TpeConfig(startupTrials, eiCandidates, multivariate, group, constantLiar,
        considerPrior, priorWeight, considerMagicClip, considerEndpoints, bandwidthWeightedScore,
        gammaFraction, gammaCap,
        fullWeightTrials, quasiRandomStartup, seed);
  }
}
