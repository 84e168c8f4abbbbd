package dev.jtune.sampler.cmaes;

import dev.jtune.internal.TrialSeeds;

/**
 * Settings of a {@link CmaEsSampler}. Each default is declared once, in {@link #defaults()}:
 *
 * <ul>
 *   <li>{@code popsize = 0}: the standard {@code 4 + floor(3 ln n)} for {@code n} parameters
 *       (Hansen's tutorial, eq. 48);
 *   <li>{@code sigma0 = 1/6}: the initial step size on the unit cube every parameter is mapped to,
 *       so the initial distribution's ±3 sigma spans the range (Optuna's choice);
 *   <li>{@code restarts = true}: IPOP (Auger and Hansen 2005): when the search has converged or
 *       degenerated it restarts from a random mean with the population multiplied by
 *       {@code popsizeFactor = 2}, which finds better optima on multimodal functions;
 *   <li>{@code margin = true}: integer and stepped parameters use Hamano et al.'s margin so the
 *       search keeps moving on a grid (without it they are continuous and rounded);
 *   <li>{@code startupTrials = 1}: random trials before the first search distribution (it needs to
 *       know the parameters).
 * </ul>
 *
 * @param popsize the first population size; 0 for the standard one
 * @param sigma0 the initial step size on the unit cube; {@code > 0}
 * @param restarts whether to restart with a larger population (IPOP)
 * @param popsizeFactor the population's growth per restart; {@code >= 1}
 * @param margin whether integer and stepped parameters use the margin
 * @param startupTrials completed trials before CMA-ES proposes; {@code >= 1}
 * @param seed the seed of every random choice
 */
public record CmaEsConfig(int popsize, double sigma0, boolean restarts, int popsizeFactor,
    boolean margin, int startupTrials, long seed) {

  public CmaEsConfig {
    if (popsize < 0 || popsize == 1) {
      throw new IllegalArgumentException("popsize must be 0 (standard) or >= 2, got " + popsize);
    }
    if (!(sigma0 > 0) || Double.isInfinite(sigma0)) {
      throw new IllegalArgumentException("sigma0 must be finite and > 0, got " + sigma0);
    }
    if (popsizeFactor < 1) {
      throw new IllegalArgumentException("popsizeFactor must be >= 1, got " + popsizeFactor);
    }
    if (startupTrials < 1) {
      throw new IllegalArgumentException("startupTrials must be >= 1, got " + startupTrials);
    }
  }

  /** The defaults, with a random seed. */
  public static CmaEsConfig defaults() {
    return new CmaEsConfig(0, 1.0 / 6, true, 2, true, 1, TrialSeeds.randomSeed());
  }

  public CmaEsConfig withPopsize(int value) {
    return new CmaEsConfig(value, sigma0, restarts, popsizeFactor, margin, startupTrials, seed);
  }

  public CmaEsConfig withSigma0(double value) {
    return new CmaEsConfig(popsize, value, restarts, popsizeFactor, margin, startupTrials, seed);
  }

  public CmaEsConfig withRestarts(boolean value) {
    return new CmaEsConfig(popsize, sigma0, value, popsizeFactor, margin, startupTrials, seed);
  }

  public CmaEsConfig withPopsizeFactor(int value) {
    return new CmaEsConfig(popsize, sigma0, restarts, value, margin, startupTrials, seed);
  }

  public CmaEsConfig withMargin(boolean value) {
    return new CmaEsConfig(popsize, sigma0, restarts, popsizeFactor, value, startupTrials, seed);
  }

  public CmaEsConfig withStartupTrials(int value) {
    return new CmaEsConfig(popsize, sigma0, restarts, popsizeFactor, margin, value, seed);
  }

  public CmaEsConfig withSeed(long value) {
    return new CmaEsConfig(popsize, sigma0, restarts, popsizeFactor, margin, startupTrials, value);
  }
}
