package dev.jtune.sampler.auto;

import dev.jtune.internal.TrialSeeds;
import dev.jtune.sampler.Constraints;
import dev.jtune.sampler.Sampler;
import dev.jtune.sampler.gp.GpConfig;
import dev.jtune.sampler.gp.GpSampler;
import dev.jtune.sampler.tpe.TpeConfig;
import dev.jtune.sampler.tpe.TpeSampler;
import dev.jtune.space.Distribution;
import dev.jtune.space.SearchSpace;
import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.List;
import java.util.Map;

/**
 * The sampler a study gets when its user picks none: Gaussian-process Bayesian optimization for the
 * first {@code gpTrials} trials, TPE after that.
 *
 * <p>Why (the evidence is in {@code docs/benchmarks.md}, "The default sampler"): on the
 * {@code problems.py} suite, with 10 seeds, {@link GpSampler} has the best average rank of all the
 * samplers of both tools at 25, 50 and 100 trials, conditional and categorical problems included.
 * Its cost, though, grows with the cube of the number of trials (about 0.1 s per suggestion at 300
 * trials with 6 parameters), while {@link TpeSampler} stays in milliseconds at thousands of trials and
 * models large conditional spaces by groups. So the GP spends the small budgets where each trial is
 * expensive and a good model pays most, and TPE, whose startup is then long over, takes the long
 * runs. The switch depends only on the trial's number, so which model serves a trial never depends on
 * timing. Studies of several objectives are served the same way: the GP through ParEGO's random
 * scalarizations, then TPE as MOTPE. Optuna gives them NSGA-II by default; on ZDT1-3 and DTLZ2
 * the GP's front after 100 trials is larger than NSGA-II's after 1,000 (docs/benchmarks.md,
 * "Several objectives: the GP through ParEGO"), and {@link dev.jtune.sampler.nsga.NsgaIISampler}
 * stays the choice for long, cheap studies.
 *
 * <p>Thread-safe; reproducible like its delegates (a seeded study on one thread, or on several under the
 * default reproducible parallel history).
 */
public final class AutoSampler implements Sampler {
  /** Trials served by the GP before TPE takes over. */
  public static final int DEFAULT_GP_TRIALS = 200;

  private final long seed;
  private final int gpTrials;
  private final GpSampler gp;
  private final TpeSampler tpe;
  private final Constraints constraints;

  /** A sampler with a random seed and the default switch point. */
  public AutoSampler() {
    this(TrialSeeds.randomSeed());
  }

  /** A seeded sampler with the default switch point. */
  public AutoSampler(long seed) {
    this(seed, DEFAULT_GP_TRIALS);
  }

  /**
   * A seeded sampler whose GP serves trials numbered below {@code gpTrials}.
   *
   * @throws IllegalArgumentException if {@code gpTrials < 0}
   */
  public AutoSampler(long seed, int gpTrials) {
    this(seed, gpTrials, null);
  }

  /**
   * A seeded sampler for a constrained study ({@link Constraints}; {@code null} for none): both
   * models prefer feasible trials, the GP by weighting expected improvement with the probability
   * that each constraint holds, TPE by putting feasible trials first in its good group.
   *
   * @throws IllegalArgumentException if {@code gpTrials < 0}
   */
  public AutoSampler(long seed, int gpTrials, Constraints constraints) {
    if (gpTrials < 0) {
      throw new IllegalArgumentException("gpTrials must be >= 0, got gpTrials=" + gpTrials);
    }
    this.seed = seed;
    this.gpTrials = gpTrials;
    this.constraints = constraints;
    this.gp = new GpSampler(GpConfig.defaults().withSeed(seed), constraints);
    this.tpe = new TpeSampler(TpeConfig.defaults().withSeed(seed), constraints);
  }

  @Override
  public Constraints constraints() {
    return constraints;
  }

  private Sampler delegate(StudyView study, FrozenTrial trial) {
    return trial.number() < gpTrials ? gp : tpe;
  }

  @Override
  public SearchSpace relativeSearchSpace(StudyView study, FrozenTrial trial) {
    return delegate(study, trial).relativeSearchSpace(study, trial);
  }

  @Override
  public Map<String, Double> sampleRelative(
      StudyView study, FrozenTrial trial, SearchSpace space) {
    return delegate(study, trial).sampleRelative(study, trial, space);
  }

  @Override
  public double sampleIndependent(
      StudyView study, FrozenTrial trial, String name, Distribution distribution) {
    return delegate(study, trial).sampleIndependent(study, trial, name, distribution);
  }

  @Override
  public void afterTrial(StudyView study, FrozenTrial trial, TrialState state, List<Double> values) {
    delegate(study, trial).afterTrial(study, trial, state, values);
  }

  @Override
  public String toString() {
    return "AutoSampler(seed=" + seed + ", GP for trials < " + gpTrials + ", then TPE"
        + (constraints == null ? "" : ", constrained") + ")";
  }
}
