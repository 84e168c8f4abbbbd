package dev.jtune.sampler.pbt;

import dev.jtune.internal.TrialSeeds;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of a {@link PopulationBasedSampler}. Each default is declared once, in
 * {@link #defaults()}, and is Ray Tune's {@code PopulationBasedTraining}'s:
 *
 * <ul>
 *   <li>{@code populationSize = 8}: members trained side by side (Ray's {@code num_samples});
 *   <li>{@code quantileFraction = 0.25}: the bottom quarter copies the top quarter;
 *   <li>{@code resampleProbability = 0.25}: the chance that an explored parameter is drawn afresh
 *       instead of perturbed;
 *   <li>{@code perturbationFactors = [0.8, 1.2]}: a perturbed number is multiplied by one of them,
 *       chosen at random;
 *   <li>{@code mutable} empty: every real-valued parameter is explored (Ray asks for the list,
 *       {@code hyperparam_mutations}; integers and choices are often the network's shape, which a
 *       copied checkpoint must keep, so they are explored only when named);
 *   <li>{@code exploration = PERTURB}: PBT's random explore step; {@code BANDIT} is PB2's
 *       ({@link Exploration}).
 * </ul>
 *
 * @param populationSize the number of members; each trial trains one member for one interval, so
 *     a study runs at most this many trials at once
 * @param quantileFraction the share of members that copy a better member after each interval, and
 *     the share they copy from; in {@code (0, 0.5]}
 * @param resampleProbability the chance, per explored parameter, of a fresh random draw; in
 *     {@code [0, 1]}
 * @param perturbationFactors the factors a perturbed number is multiplied by; each finite and
 *     positive, at least one
 * @param mutable the parameters explored when a member copies another, or empty for every
 *     real-valued one; the others are copied as they are
 * @param seed the seed of every random choice
 * @param exploration how an exploiting member chooses its explored parameters
 */
public record PopulationBasedConfig(int populationSize, double quantileFraction,
    double resampleProbability, List<Double> perturbationFactors, Set<String> mutable,
    long seed, Exploration exploration) {

  /** How a member that copies a better one chooses the parameters it explores. */
  public enum Exploration {
    /**
     * Population-based training's (Jaderberg et al. 2017): each explored parameter is drawn afresh
     * with {@link #resampleProbability()} and otherwise perturbed by one of the
     * {@link #perturbationFactors()}, at random.
     */
    PERTURB,
    /**
     * Population-based bandits' (PB2: Parker-Holder et al. 2020): the explored numbers are chosen
     * together by GP-UCB on the improvement each interval made, as a function of its parameters,
     * the value it started from and its time ({@link dev.jtune.sampler.gp.TimeVaryingUcb}), from
     * the intervals trained in the same parameters (a conditional parameter present or absent
     * alike) and with the intervals still running counted as taken. Until two such intervals have
     * ended, and for choices, the explore step is {@link #PERTURB}'s. It finds good values with
     * far fewer members than random perturbation needs (the paper's case is a population of 4).
     */
    BANDIT
  }

  public PopulationBasedConfig {
    if (populationSize < 2) {
      throw new IllegalArgumentException("populationSize must be >= 2, got " + populationSize);
    }
    if (!(quantileFraction > 0 && quantileFraction <= 0.5)) {
      throw new IllegalArgumentException("quantileFraction must be in (0, 0.5], got "
          + quantileFraction);
    }
    if (!(resampleProbability >= 0 && resampleProbability <= 1)) {
      throw new IllegalArgumentException("resampleProbability must be in [0, 1], got "
          + resampleProbability);
    }
    Objects.requireNonNull(perturbationFactors, "perturbationFactors");
    if (perturbationFactors.isEmpty()) {
      throw new IllegalArgumentException("perturbationFactors must name at least one factor");
    }
    for (Double f : perturbationFactors) {
      if (f == null || !(f > 0) || f.isInfinite()) {
        throw new IllegalArgumentException("perturbation factors must be finite and > 0, got "
            + perturbationFactors);
      }
    }
    perturbationFactors = List.copyOf(perturbationFactors);
    mutable = Set.copyOf(Objects.requireNonNull(mutable, "mutable"));
    Objects.requireNonNull(exploration, "exploration");
  }

  /** Population-based training's settings ({@link Exploration#PERTURB}), as before PB2. */
  public PopulationBasedConfig(int populationSize, double quantileFraction,
      double resampleProbability, List<Double> perturbationFactors, Set<String> mutable,
      long seed) {
    this(populationSize, quantileFraction, resampleProbability, perturbationFactors, mutable,
        seed, Exploration.PERTURB);
  }

  /** The defaults, with a random seed. */
  public static PopulationBasedConfig defaults() {
    return new PopulationBasedConfig(8, 0.25, 0.25, List.of(0.8, 1.2), Set.of(),
        TrialSeeds.randomSeed(), Exploration.PERTURB);
  }

  public PopulationBasedConfig withPopulationSize(int value) {
    return new PopulationBasedConfig(value, quantileFraction, resampleProbability,
        perturbationFactors, mutable, seed, exploration);
  }

  public PopulationBasedConfig withQuantileFraction(double value) {
    return new PopulationBasedConfig(populationSize, value, resampleProbability,
        perturbationFactors, mutable, seed, exploration);
  }

  public PopulationBasedConfig withResampleProbability(double value) {
    return new PopulationBasedConfig(populationSize, quantileFraction, value,
        perturbationFactors, mutable, seed, exploration);
  }

  public PopulationBasedConfig withPerturbationFactors(List<Double> value) {
    return new PopulationBasedConfig(populationSize, quantileFraction, resampleProbability, value,
        mutable, seed, exploration);
  }

  /** Explores these parameters (of any kind) and copies every other one. */
  public PopulationBasedConfig withMutable(Set<String> value) {
    return new PopulationBasedConfig(populationSize, quantileFraction, resampleProbability,
        perturbationFactors, value, seed, exploration);
  }

  public PopulationBasedConfig withSeed(long value) {
    return new PopulationBasedConfig(populationSize, quantileFraction, resampleProbability,
        perturbationFactors, mutable, value, exploration);
  }

  /** Population-based bandits ({@link Exploration#BANDIT}) or training ({@code PERTURB}). */
  public PopulationBasedConfig withExploration(Exploration value) {
    return new PopulationBasedConfig(populationSize, quantileFraction, resampleProbability,
        perturbationFactors, mutable, seed, value);
  }
}
