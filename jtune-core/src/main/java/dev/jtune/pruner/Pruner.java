package dev.jtune.pruner;

import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;

/**
 * Decides whether a running trial should stop early, from its reported intermediate values and those
 * of the study's other trials. Called from {@link dev.jtune.trial.Trial#shouldPrune()} on the
 * objective's thread; implementations must be thread-safe.
 *
 * <p><b>Decisions depend on stored data only.</b> A pruner must not keep per-study state between
 * calls: its verdict is a function of the {@link StudyView}, the trial's snapshot and its own
 * configuration, so that two workers (threads or processes) looking at the same storage agree, and
 * a fresh view over the same storage gives the same verdict. Bookkeeping a pruner needs later goes
 * into {@link PruneDecision#trialAttrs()}, which the study stores on the trial.
 *
 * <p>The pruners below follow Optuna's semantics. Those that compare values use
 * {@link StudyView#direction()} and so support single-objective studies only (as Optuna's do):
 * they say so through {@link #needsOneDirection()}, and a study with several objectives refuses
 * them when it is built.
 */
@FunctionalInterface
public interface Pruner {

  /** The verdict for {@code trial} (a snapshot including its latest report). */
  PruneDecision prune(StudyView study, FrozenTrial trial);

  /**
   * The history that a sampler should learn from when it chooses parameters for {@code trial}: the
   * study calls this before each sampler call ({@code relativeSearchSpace}, {@code sampleRelative},
   * {@code sampleIndependent}, {@code afterTrial}) and hands the sampler the view returned, when
   * the sampler learns from history ({@code readsHistory()}); one that does not (random, Sobol',
   * grid) always gets the whole study. The default is the whole study. {@link #hyperband()}
   * narrows it to the trials of the same bracket, so that a model-based sampler (TPE) learns per
   * bracket, as in BOHB. A narrowed view must be a function of stored data, like a decision.
   */
  default StudyView samplerView(StudyView study, FrozenTrial trial) {
    return study;
  }

  /**
   * Whether {@link #samplerView} shows a sampler less than the whole study (Hyperband's bracket).
   * A sampler whose trials depend on each other across the whole study (population-based
   * training) cannot work behind such a pruner, and its callers refuse the pair. The default is
   * {@code false}; a pruner that delegates must forward it.
   */
  default boolean narrowsSamplerView() {
    return false;
  }

  /**
   * Whether this pruner's decisions, or its {@link #samplerView}, can depend on trials other than
   * the one judged. {@code false} lets {@code optimize} on several threads start trials without
   * waiting for older ones when the sampler does not read history either (see
   * {@link dev.jtune.study.OptimizeOptions.ParallelHistory}). It must not change over the
   * pruner's life ({@code optimize} reads it once per call), and a pruner that delegates must
   * forward it or keep the default {@code true}.
   */
  default boolean readsHistory() {
    return true;
  }

  /**
   * Whether this pruner compares values by the study's one direction, and so cannot judge a study
   * with several objectives; such a study refuses it when built (as Optuna refuses pruning there),
   * instead of failing every trial once the first comparison comes. The default is {@code false};
   * a pruner that delegates must forward it.
   */
  default boolean needsOneDirection() {
    return false;
  }

  /**
   * The last step this pruner's schedule was sized for, when its configuration fixes one
   * (Hyperband with an explicit maximum resource: its brackets' rungs assume trials report steps
   * up to it); empty for a pruner that adapts to any length (the default). A trainer that knows
   * how many steps its trials report can refuse a mismatch before any trial runs. A pruner that
   * delegates must forward it.
   */
  default java.util.OptionalInt maxResource() {
    return java.util.OptionalInt.empty();
  }

  /**
   * Whether this pruner's steps are instances (folds, problem instances) whose scores it pairs
   * across trials, rather than epochs along a learning curve: {@link #wilcoxon()}'s are. A
   * trainer that can report either (jtune-nn's cross-validated objective) reports each fold's
   * score for such a pruner. The default is {@code false}; a pruner that delegates must forward
   * it.
   */
  default boolean comparesInstances() {
    return false;
  }

  /** A pruner that never prunes. */
  static Pruner none() {
    return NopPruner.INSTANCE;
  }

  /** The median rule with Optuna's defaults: {@link PercentileConfig#median()}. */
  static Pruner median() {
    return percentile(PercentileConfig.median());
  }

  /**
   * Prunes a trial whose best value so far is worse than the given percentile of the COMPLETE
   * trials' values at the same step; see {@link PercentileConfig}.
   */
  static Pruner percentile(PercentileConfig config) {
    return new PercentilePruner(config);
  }

  /** Asynchronous successive halving (ASHA) with Optuna's defaults. */
  static Pruner successiveHalving() {
    return successiveHalving(SuccessiveHalvingConfig.defaults());
  }

  /**
   * Asynchronous successive halving (ASHA); see {@link SuccessiveHalvingConfig}.
   *
   * @throws IllegalArgumentException if its first rung ends at or past its maximum resource, where
   *     it could never prune
   */
  static Pruner successiveHalving(SuccessiveHalvingConfig config) {
    config.requireCanPrune();
    return new SuccessiveHalvingPruner(config);
  }

  /** Hyperband with Optuna's defaults. */
  static Pruner hyperband() {
    return hyperband(HyperbandConfig.defaults());
  }

  /**
   * Hyperband over asynchronous successive halving; see {@link HyperbandConfig}.
   *
   * @throws IllegalArgumentException if its maximum resource equals its minimum, where it could
   *     never prune
   */
  static Pruner hyperband(HyperbandConfig config) {
    config.requireCanPrune();
    return new HyperbandPruner(config);
  }

  /** Prunes a trial whose latest value leaves a range or is NaN; see {@link ThresholdConfig}. */
  static Pruner threshold(ThresholdConfig config) {
    return new ThresholdPruner(config);
  }

  /** Optuna's Wilcoxon pruner with its defaults: {@link WilcoxonConfig#defaults()}. */
  static Pruner wilcoxon() {
    return wilcoxon(WilcoxonConfig.defaults());
  }

  /**
   * Optuna's {@code WilcoxonPruner}, for objectives that are a mean over instances (folds,
   * problem instances, test questions): the trial reports each instance's score with the
   * instance's id as step, in any order, and is pruned once the one-sided Wilcoxon signed-rank
   * test on its scores paired with the best trial's on the same ids puts the p-value that it is
   * no worse below {@code config.pThreshold()}, unless the mean of all its scores is still no
   * worse than the best trial's. A trial or best trial with a non-finite score is never pruned.
   * Shuffle the instances per trial (as Optuna advises) so that the same few do not decide every
   * trial. Single-objective studies.
   */
  static Pruner wilcoxon(WilcoxonConfig config) {
    return new WilcoxonPruner(config);
  }

  /**
   * Prunes a trial whose last {@code config.patience() + 1} values are all worse than its earlier
   * best by more than {@code config.minDelta()} (Optuna's rule); see {@link PatientConfig}.
   */
  static Pruner patient(PatientConfig config) {
    return new PatientPruner(null, config);
  }

  /**
   * Asks {@code wrapped} only once the trial's last {@code config.patience() + 1} values are all
   * worse than its earlier best by more than {@code config.minDelta()}; see {@link PatientConfig}.
   */
  static Pruner patient(Pruner wrapped, PatientConfig config) {
    return new PatientPruner(java.util.Objects.requireNonNull(wrapped, "wrapped"), config);
  }
}
