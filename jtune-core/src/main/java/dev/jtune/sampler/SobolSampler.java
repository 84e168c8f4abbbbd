package dev.jtune.sampler;

import dev.jtune.internal.TrialSeeds;
import dev.jtune.space.Distribution;
import dev.jtune.space.SearchSpace;
import dev.jtune.space.UnitScale;
import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quasi-random search: trial {@code n} takes point {@code n} of a scrambled Sobol' sequence, one
 * dimension per parameter, so a budget of trials covers the space more evenly than random draws.
 *
 * <p>The joint space is the declared {@link SearchSpace} if one is given; otherwise it is inferred,
 * as Optuna's {@code QMCSampler} does, from the first COMPLETE trial (its parameters sorted by name),
 * and that trial and the ones running beside it are sampled at random. Parameters outside the joint
 * space (conditional ones, say) are drawn by a {@link RandomSampler} with the same seed.
 * Single-valued parameters take no dimension.
 *
 * <p>Scrambling is on by default: unscrambled, point 0 is the origin and point 1 the exact centre
 * of the space, which biases any benchmark whose optimum sits there. Reproducible: a point depends
 * only on the seed and the trial number. Thread-safe.
 */
public final class SobolSampler implements Sampler {
  private static final Logger LOG = LoggerFactory.getLogger(SobolSampler.class);

  private final long seed;
  private final boolean scramble;
  private final SearchSpace declared;
  private final RandomSampler independent;
  private volatile Joint joint;

  private record Joint(SearchSpace space, SobolSequence sequence) {}

  /** A scrambled sampler that infers its space from the first complete trial. */
  public SobolSampler(long seed) {
    this(null, seed, true);
  }

  /** A scrambled sampler over a declared space. */
  public SobolSampler(SearchSpace space, long seed) {
    this(space, seed, true);
  }

  /**
   * A sampler over a declared space ({@code null} to infer it), scrambled or not.
   *
   * @throws IllegalArgumentException if the space has more than 21,201 dimensions
   */
  public SobolSampler(SearchSpace space, long seed, boolean scramble) {
    this.seed = seed;
    this.scramble = scramble;
    this.declared = space;
    this.independent = new RandomSampler(seed);
    if (space != null) {
      this.joint = build(space);
    }
  }

  /** A scrambled sampler with a random seed that infers its space. */
  public SobolSampler() {
    this(null, TrialSeeds.randomSeed(), true);
  }

  private Joint build(SearchSpace space) {
    Map<String, Distribution> dims = new LinkedHashMap<>();
    space.parameters().forEach((name, d) -> {
      if (!d.isSingle()) {
        dims.put(name, d);
      }
    });
    SearchSpace jointSpace = SearchSpace.of(dims);
    return new Joint(jointSpace, jointSpace.isEmpty() ? null
        : new SobolSequence(jointSpace.size(), scramble, TrialSeeds.mix(seed)));
  }

  @Override
  public SearchSpace relativeSearchSpace(StudyView study, FrozenTrial trial) {
    Joint current = joint;
    if (current == null) {
      List<FrozenTrial> complete = study.trials(EnumSet.of(TrialState.COMPLETE));
      if (complete.isEmpty()) {
        return SearchSpace.empty();
      }
      current = inferFrom(complete.get(0));
    }
    return current.space();
  }

  private synchronized Joint inferFrom(FrozenTrial first) {
    if (joint == null) {
      joint = build(SearchSpace.of(new TreeMap<>(first.distributions())));
      LOG.info("SobolSampler inferred its space from trial {}: {}", first.number(), joint.space());
    }
    return joint;
  }

  @Override
  public Map<String, Double> sampleRelative(
      StudyView study, FrozenTrial trial, SearchSpace space) {
    Joint current = joint;
    if (current == null || current.sequence() == null || !current.space().equals(space)) {
      return Map.of();
    }
    double[] u = current.sequence().point(trial.number());
    Map<String, Double> values = new LinkedHashMap<>();
    int j = 0;
    for (Map.Entry<String, Distribution> e : space.parameters().entrySet()) {
      values.put(e.getKey(), UnitScale.fromUnit(e.getValue(), u[j++]));
    }
    return values;
  }

  @Override
  public double sampleIndependent(
      StudyView study, FrozenTrial trial, String name, Distribution distribution) {
    return independent.sampleIndependent(study, trial, name, distribution);
  }

  @Override
  public String toString() {
    return "SobolSampler(seed=" + seed + (scramble ? "" : ", unscrambled")
        + (declared == null ? "" : ", " + declared) + ")";
  }
}
