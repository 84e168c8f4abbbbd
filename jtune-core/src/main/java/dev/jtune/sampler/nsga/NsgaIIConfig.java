package dev.jtune.sampler.nsga;

import dev.jtune.internal.TrialSeeds;
import dev.jtune.sampler.Constraints;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Settings of an {@link NsgaIISampler}. Each default is declared once, in {@link #defaults()}, and
 * is Optuna 3.1's:
 *
 * <ul>
 *   <li>{@code populationSize = 50}: trials per generation;
 *   <li>{@code mutationProbability} empty: {@code 1 / n} for a child of {@code n} parameters, so
 *       one parameter on average is drawn afresh at random;
 *   <li>{@code crossover = Uniform(0.5)};
 *   <li>{@code crossoverProbability = 0.9}: otherwise the child copies one parent;
 *   <li>{@code swappingProbability = 0.5}: for the uniform crossover of categorical parameters;
 *   <li>{@code constraints = null}: an unconstrained study.
 * </ul>
 *
 * @param populationSize trials per generation; at least 2 and at least the crossover's parents
 * @param mutationProbability the chance that a child's parameter is drawn at random instead; in
 *     {@code [0, 1]}, or empty for {@code 1 / n}
 * @param crossover how numerical parameters are combined
 * @param crossoverProbability the chance that a child is a crossover rather than a parent's copy
 * @param swappingProbability the uniform crossover's chance, per categorical parameter, of taking
 *     the first parent's choice ({@link #withSwappingProbability} also sets it on a
 *     {@link Crossover.Uniform} crossover)
 * @param constraints the trials' constraints, or {@code null} for none
 * @param seed the seed of every random choice
 */
public record NsgaIIConfig(int populationSize, OptionalDouble mutationProbability,
    Crossover crossover, double crossoverProbability, double swappingProbability,
    Constraints constraints, long seed) {

  public NsgaIIConfig {
    Objects.requireNonNull(mutationProbability, "mutationProbability");
    Objects.requireNonNull(crossover, "crossover");
    if (populationSize < 2) {
      throw new IllegalArgumentException("populationSize must be >= 2, got " + populationSize);
    }
    if (populationSize < crossover.parents()) {
      throw new IllegalArgumentException("populationSize must be at least the " + crossover
          + " crossover's " + crossover.parents() + " parents, got " + populationSize);
    }
    if (mutationProbability.isPresent()) {
      checkProbability("mutationProbability", mutationProbability.getAsDouble());
    }
    checkProbability("crossoverProbability", crossoverProbability);
    checkProbability("swappingProbability", swappingProbability);
  }

  static void checkProbability(String name, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + p);
    }
  }

  /** The defaults, with a random seed. */
  public static NsgaIIConfig defaults() {
    return new NsgaIIConfig(50, OptionalDouble.empty(), Crossover.uniform(), 0.9, 0.5, null,
        TrialSeeds.randomSeed());
  }

  public NsgaIIConfig withPopulationSize(int value) {
    return new NsgaIIConfig(value, mutationProbability, crossover, crossoverProbability,
        swappingProbability, constraints, seed);
  }

  /** A fixed mutation probability; see {@link #withAutomaticMutation()} for the default. */
  public NsgaIIConfig withMutationProbability(double value) {
    return new NsgaIIConfig(populationSize, OptionalDouble.of(value), crossover,
        crossoverProbability, swappingProbability, constraints, seed);
  }

  /** The default mutation probability, {@code 1 / n}. */
  public NsgaIIConfig withAutomaticMutation() {
    return new NsgaIIConfig(populationSize, OptionalDouble.empty(), crossover,
        crossoverProbability, swappingProbability, constraints, seed);
  }

  public NsgaIIConfig withCrossover(Crossover value) {
    return new NsgaIIConfig(populationSize, mutationProbability, value, crossoverProbability,
        swappingProbability, constraints, seed);
  }

  public NsgaIIConfig withCrossoverProbability(double value) {
    return new NsgaIIConfig(populationSize, mutationProbability, crossover, value,
        swappingProbability, constraints, seed);
  }

  /**
   * The uniform crossover's swapping probability: that of categorical parameters and, when the
   * crossover is {@link Crossover.Uniform} (the default), of numerical ones too, as Optuna's
   * {@code swapping_prob} sets its default {@code UniformCrossover(swapping_prob)}.
   */
  public NsgaIIConfig withSwappingProbability(double value) {
    return new NsgaIIConfig(populationSize, mutationProbability,
        crossover instanceof Crossover.Uniform ? new Crossover.Uniform(value) : crossover,
        crossoverProbability, value, constraints, seed);
  }

  /** Constrained domination by {@code value}; {@code null} for an unconstrained study. */
  public NsgaIIConfig withConstraints(Constraints value) {
    return new NsgaIIConfig(populationSize, mutationProbability, crossover, crossoverProbability,
        swappingProbability, value, seed);
  }

  public NsgaIIConfig withSeed(long value) {
    return new NsgaIIConfig(populationSize, mutationProbability, crossover, crossoverProbability,
        swappingProbability, constraints, value);
  }
}
