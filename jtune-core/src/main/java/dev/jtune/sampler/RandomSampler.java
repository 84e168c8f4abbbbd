package dev.jtune.sampler;

import dev.jtune.internal.TrialSeeds;
import dev.jtune.space.Distribution;
import dev.jtune.space.UnitScale;
import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;

/**
 * Draws every parameter independently and uniformly (uniform in {@code log(x)} on a log scale, each
 * grid value or choice equally likely). The draw for a parameter depends only on the seed, the trial's
 * number and the parameter's name, so results are reproducible under any thread interleaving and any
 * suggestion order. Stateless and thread-safe.
 */
public final class RandomSampler implements Sampler {
  private final long seed;

  /** A sampler with a random seed. */
  public RandomSampler() {
    this(TrialSeeds.randomSeed());
  }

  /** A sampler whose draws are fixed by {@code seed}. */
  public RandomSampler(long seed) {
    this.seed = seed;
  }

  /** The seed. */
  public long seed() {
    return seed;
  }

  @Override
  public double sampleIndependent(
      StudyView study, FrozenTrial trial, String name, Distribution distribution) {
    return draw(seed, trial.number(), name, distribution);
  }

  /** The uniform draw of parameter {@code name} for trial {@code number} under {@code seed}. */
  static double draw(long seed, int number, String name, Distribution distribution) {
    return UnitScale.fromUnit(distribution, TrialSeeds.random(seed, number, name).nextDouble());
  }

  /** Suggestions depend only on the seed, the trial's number and the parameter. */
  @Override
  public boolean readsHistory() {
    return false;
  }

  @Override
  public String toString() {
    return "RandomSampler(seed=" + seed + ")";
  }
}
