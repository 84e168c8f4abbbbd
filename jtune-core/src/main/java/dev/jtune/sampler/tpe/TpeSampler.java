package dev.jtune.sampler.tpe;

import dev.jtune.internal.TrialSeeds;
import dev.jtune.sampler.Constraints;
import dev.jtune.sampler.RandomSampler;
import dev.jtune.sampler.Sampler;
import dev.jtune.sampler.SobolSampler;
import dev.jtune.space.Distribution;
import dev.jtune.space.SearchSpace;
import dev.jtune.space.UnitScale;
import dev.jtune.study.StudyView;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tree-structured Parzen estimator (Bergstra, Bardenet, Bengio and Kégl, "Algorithms for
 * hyper-parameter optimization", NeurIPS 2011), with the choices of Optuna 3.x that Watanabe
 * ("Tree-structured Parzen estimator: understanding its algorithm components and their roles for
 * better empirical performance", 2023) studied. For each suggestion it ranks the finished trials,
 * splits them into a small good group and the rest ({@link TpeConfig#goodTrials}), fits a Parzen
 * estimator {@code l(x)} to the good points and {@code g(x)} to the others, draws
 * {@link TpeConfig#eiCandidates} points from {@code l} and returns the one maximizing
 * {@code l(x)/g(x)}, which maximizes expected improvement under the model.
 *
 * <p>Modes. Independent (default): each parameter has its own one-dimensional estimators, fitted
 * on the trials that have it, so define-by-run and conditional spaces need nothing special.
 * Multivariate ({@link TpeConfig#multivariate}): parameters are modelled jointly with products of
 * kernels; with {@link TpeConfig#group} the space is decomposed into groups of parameters that
 * always occur together ({@code GroupDecomposition}) and each group is sampled jointly when the
 * trial starts; parameters outside every group are sampled independently.
 *
 * <p>Startup. Until {@link TpeConfig#startupTrials} trials have finished, parameters come from a
 * scrambled Sobol' sequence ({@link SobolSampler}, define-by-run) or uniform draws
 * ({@link RandomSampler}) with the same seed.
 *
 * <p>Deviations from Optuna 3.1: startup is quasi-random by default; the constant liar and
 * grouping are on by default; a trial's own history snapshot is read once and reused for all its
 * parameters; observations whose distribution differs from the one being sampled are used only if
 * the target distribution contains their value.
 *
 * <p>Several objectives (MOTPE, Ozaki et al. 2020, as Optuna 3.1): the good group is chosen by
 * non-domination rank and hypervolume subset selection and weighted by hypervolume contribution
 * ({@code ParetoGoodGroup}); only COMPLETE trials count (no pruning, no constant liar lies).
 *
 * <p>Reproducibility and threads. Every draw for trial {@code n} comes from a stream derived from
 * {@code (seed, n, parameter or group names)}, so a seeded study on one thread always gives the
 * same suggestions; on several threads too under the default reproducible parallel history
 * ({@link dev.jtune.study.OptimizeOptions.ParallelHistory}), which fixes which trials each one sees.
 * Thread-safe; the per-study caches are guarded.
 */
public final class TpeSampler implements Sampler {
  private static final Logger LOG = LoggerFactory.getLogger(TpeSampler.class);
  /** Bounds the per-trial history cache when trials are asked and never told. */
  private static final int MAX_CACHED_TRIALS = 256;

  private final TpeConfig config;
  private final Constraints constraints;
  private final Sampler startup;
  private final Map<Object, GroupDecomposition> decompositions = new ConcurrentHashMap<>();
  private final Map<Object, ParamColumns> columns = new ConcurrentHashMap<>();
  private final Map<TrialKey, History> histories = new ConcurrentHashMap<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();
  private final Map<List<Object>, Double> violations = new ConcurrentHashMap<>();

  /** A trial of a study, the study by {@link StudyView#cacheKey()}. */
  private record TrialKey(Object study, int number) {}

  /** A sampler with the given settings. */
  public TpeSampler(TpeConfig config) {
    this(config, null);
  }

  /**
   * A sampler with the given settings whose good group prefers trials that meet
   * {@code constraints} (Optuna's {@code constraints_func}): feasible trials first, by value, then
   * infeasible ones by their total violation; {@code null} for none. Constraint values stored
   * with the trials ({@link Constraints}) count before the function, and without a function the
   * stored values alone are used.
   */
  public TpeSampler(TpeConfig config, Constraints constraints) {
    this.constraints = constraints;
    this.config = java.util.Objects.requireNonNull(config, "config");
    this.startup = config.quasiRandomStartup()
        ? new SobolSampler(config.seed()) : new RandomSampler(config.seed());
  }

  /** A sampler with the default settings and the given seed. */
  public TpeSampler(long seed) {
    this(TpeConfig.defaults().withSeed(seed));
  }

  /** A sampler with the default settings and a random seed. */
  public TpeSampler() {
    this(TpeConfig.defaults());
  }

  /** The settings. */
  public TpeConfig config() {
    return config;
  }

  /**
   * Multivariate TPE: the union of its groups' parameters. Independent TPE with the constant
   * liar: the parameters every finished trial has with one distribution (kept incrementally by
   * {@link GroupDecomposition} without grouping), drawn in the joint phase exactly as {@link #sampleIndependent} would draw them, so that a
   * trial running beside others under a reproducible history shows them its values to lie about
   * (in that history a running trial shows only what its joint phase chose). Conditional
   * parameters, which some trials lack, stay independent: drawing them ahead would cost a draw
   * per branch and show lies about branches the trial never takes. A parameter the trial then
   * suggests with another distribution is drawn independently as before. Otherwise empty.
   */
  @Override
  public SearchSpace relativeSearchSpace(StudyView study, FrozenTrial trial) {
    if (!(config.multivariate() || config.constantLiar())) {
      return SearchSpace.empty();
    }
    History history = history(study, trial);
    if (history.finished() < config.startupTrials()) {
      return SearchSpace.empty();
    }
    // independent TPE: one group, the intersection of the finished trials' spaces
    Map<String, Distribution> union = new LinkedHashMap<>();
    for (Map<String, Distribution> g : groups(study, history)) {
      union.putAll(g);
    }
    return SearchSpace.of(union);
  }

  @Override
  public Map<String, Double> sampleRelative(StudyView study, FrozenTrial trial,
      SearchSpace space) {
    if (space.isEmpty()) {
      return Map.of();
    }
    History history = history(study, trial);
    if (history.finished() < config.startupTrials()) {
      return Map.of();
    }
    Map<String, Double> out = new LinkedHashMap<>();
    if (!config.multivariate()) {
      space.parameters().forEach((name, d) -> out.put(name, independent(history, trial, name, d)));
      return out;
    }
    for (Map<String, Distribution> g : groups(study, history)) {
      List<String> names = new ArrayList<>();
      List<Distribution> dists = new ArrayList<>();
      g.forEach((name, d) -> {
        if (d.equals(space.get(name))) {
          names.add(name);
          dists.add(d);
        }
      });
      if (names.isEmpty()) {
        continue;
      }
      double[] values = propose(history, names, dists,
          TrialSeeds.random(config.seed(), trial.number(), "tpe:group:" + String.join(",", names)));
      for (int k = 0; k < names.size(); k++) {
        out.put(names.get(k), values[k]);
      }
    }
    return out;
  }

  @Override
  public double sampleIndependent(StudyView study, FrozenTrial trial, String name,
      Distribution distribution) {
    if (distribution.isSingle()) {
      return UnitScale.fromUnit(distribution, 0.5);
    }
    History history = history(study, trial);
    if (history.finished() < config.startupTrials()) {
      return startup.sampleIndependent(study, trial, name, distribution);
    }
    if (config.multivariate() && warned.add(name)) {
      LOG.info("parameter '{}' of trial {} is sampled independently, outside multivariate TPE's "
          + "joint model (it is not in every trial of a group); later trials are not logged",
          name, trial.number());
    }
    return independent(history, trial, name, distribution);
  }

  /** One parameter from its own model, on the trial's stream for that name. */
  private double independent(History history, FrozenTrial trial, String name,
      Distribution distribution) {
    return propose(history, List.of(name), List.of(distribution),
        TrialSeeds.random(config.seed(), trial.number(), "tpe:" + name))[0];
  }

  /** Internal values for the parameters: the best of the candidates drawn from the good model. */
  private double[] propose(History history, List<String> names, List<Distribution> dists,
      SplittableRandom random) {
    List<Dimension> dims = dists.stream().map(Dimension::of).toList();
    History.Split split = history.observations(names, dists);
    ParzenEstimator good = ParzenEstimator.fit(dims, split.good(), config, split.goodWeights());
    ParzenEstimator bad = ParzenEstimator.fit(dims, split.bad(), config);
    double[][] candidates = good.sample(random, config.eiCandidates());
    double[] logL = good.logPdf(candidates);
    double[] logG = bad.logPdf(candidates);
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int s = 0; s < logL.length; s++) {
      double score = logL[s] - logG[s];
      if (score > bestScore) {
        bestScore = score;
        best = s;
      }
    }
    double[] out = new double[names.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = candidates[k][best];
    }
    return out;
  }

  private List<Map<String, Distribution>> groups(StudyView study, History history) {
    return decompositions.computeIfAbsent(study.cacheKey(),
        id -> new GroupDecomposition(config.multivariate() && config.group()))
        .update(history.trials());
  }

  /** The trial's history, read on its first suggestion and reused for the others. */
  private History history(StudyView study, FrozenTrial trial) {
    TrialKey key = new TrialKey(study.cacheKey(), trial.number());
    History cached = histories.get(key);
    if (cached != null) {
      return cached;
    }
    if (histories.size() >= MAX_CACHED_TRIALS) {
      histories.clear();
    }
    History fresh = History.read(study, trial, config,
        new Violations(constraints, warned, violations),
        columns.computeIfAbsent(study.cacheKey(), id -> new ParamColumns()));
    histories.put(key, fresh);
    return fresh;
  }

  @Override
  public void afterTrial(StudyView study, FrozenTrial trial, TrialState state,
      List<Double> values) {
    histories.remove(new TrialKey(study.cacheKey(), trial.number()));
  }

  @Override
  public Constraints constraints() {
    return constraints;
  }

  @Override
  public String toString() {
    return "TpeSampler(" + config + (constraints == null ? "" : ", constrained") + ")";
  }
}
