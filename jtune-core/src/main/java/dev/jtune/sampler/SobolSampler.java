package dev.jtune.sampler;

import dev.jtune.internal.TrialSeeds;
import dev.jtune.space.Distribution;
import dev.jtune.space.SearchSpace;
import dev.jtune.space.UnitScale;
import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Quasi-random search: trial {@code n} takes point {@code n} of a scrambled Sobol' sequence, so a
 * budget of trials covers the space more evenly than random draws.
 *
 * <p>Dimensions. With a declared {@link SearchSpace}, each of its (non-fixed) parameters has its own
 * dimension, in declaration order, and all are chosen jointly when the trial starts. Without one
 * (define-by-run), the {@code i}-th parameter a trial suggests takes dimension {@code i}; for an
 * objective that always suggests the same parameters in the same order this is the same thing,
 * and in a conditional space each branch still gets low-discrepancy points. Either way a point
 * depends only on the seed and the trial's number, never on other trials or on timing, so the
 * sampler is reproducible under any thread interleaving. Parameters outside a declared space are
 * drawn by a {@link RandomSampler} with the same seed.
 *
 * <p>Scrambling is on by default: unscrambled, point 0 is the origin and point 1 the exact centre
 * of the space, which biases any benchmark whose optimum sits there (as Optuna's own peer scripts
 * warn). Thread-safe.
 */
public final class SobolSampler implements Sampler {
  private static final int INITIAL_DIMENSIONS = 16;

  private final long seed;
  private final boolean scramble;
  private final SearchSpace declared;
  private final RandomSampler independent;
  private volatile SobolSequence sequence;

  /** A scrambled define-by-run sampler. */
  public SobolSampler(long seed) {
    this(null, seed, true);
  }

  /** A scrambled sampler over a declared space. */
  public SobolSampler(SearchSpace space, long seed) {
    this(space, seed, true);
  }

  /**
   * A sampler over a declared space ({@code null} for define-by-run), scrambled or not.
   *
   * @throws IllegalArgumentException if the space has more than 21,201 parameters
   */
  public SobolSampler(SearchSpace space, long seed, boolean scramble) {
    this.seed = seed;
    this.scramble = scramble;
    this.declared = space == null ? null : withoutFixed(space);
    this.independent = new RandomSampler(seed);
    int dims = declared == null ? INITIAL_DIMENSIONS : Math.max(1, declared.size());
    this.sequence = new SobolSequence(dims, scramble, TrialSeeds.mix(seed));
  }

  /** A scrambled define-by-run sampler with a random seed. */
  public SobolSampler() {
    this(null, TrialSeeds.randomSeed(), true);
  }

  private static SearchSpace withoutFixed(SearchSpace space) {
    Map<String, Distribution> dims = new LinkedHashMap<>();
    space.parameters().forEach((name, d) -> {
      if (!d.isSingle()) {
        dims.put(name, d);
      }
    });
    return SearchSpace.of(dims);
  }

  @Override
  public SearchSpace relativeSearchSpace(StudyView study, FrozenTrial trial) {
    return declared == null ? SearchSpace.empty() : declared;
  }

  @Override
  public Map<String, Double> sampleRelative(
      StudyView study, FrozenTrial trial, SearchSpace space) {
    Map<String, Double> values = new LinkedHashMap<>();
    int j = 0;
    for (Map.Entry<String, Distribution> e : space.parameters().entrySet()) {
      values.put(e.getKey(), UnitScale.fromUnit(e.getValue(), coordinate(trial.number(), j++)));
    }
    return values;
  }

  @Override
  public double sampleIndependent(
      StudyView study, FrozenTrial trial, String name, Distribution distribution) {
    if (declared != null) {
      return independent.sampleIndependent(study, trial, name, distribution);
    }
    int dimension = 0;
    for (Distribution d : trial.distributions().values()) {
      if (!d.isSingle()) {
        dimension++;
      }
    }
    if (dimension >= SobolSequence.MAX_DIMENSIONS) {
      // past the direction-number table: drawn at random, as Optuna's QMC sampler does for
      // parameters outside its space
      return independent.sampleIndependent(study, trial, name, distribution);
    }
    return UnitScale.fromUnit(distribution, coordinate(trial.number(), dimension));
  }

  private double coordinate(int index, int dimension) {
    SobolSequence current = sequence;
    if (dimension >= current.dimensions()) {
      current = grow(dimension + 1);
    }
    return current.coordinate(index, dimension);
  }

  private synchronized SobolSequence grow(int dimensions) {
    if (sequence.dimensions() < dimensions) {
      int target = Math.min(SobolSequence.MAX_DIMENSIONS,
          Math.max(dimensions, 2 * sequence.dimensions()));
      sequence = new SobolSequence(target, scramble, TrialSeeds.mix(seed));
    }
    return sequence;
  }

  /** Suggestions depend only on the seed, the trial's number and the parameter's position. */
  @Override
  public boolean readsHistory() {
    return false;
  }

  @Override
  public String toString() {
    return "SobolSampler(seed=" + seed + (scramble ? "" : ", unscrambled")
        + (declared == null ? "" : ", " + declared) + ")";
  }
}
