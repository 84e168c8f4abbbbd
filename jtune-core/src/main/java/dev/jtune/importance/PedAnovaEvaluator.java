package dev.jtune.importance;

import dev.jtune.space.CategoricalDistribution;
import dev.jtune.space.Distribution;
import dev.jtune.study.Study;
import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parameter importances by PED-ANOVA (Watanabe et al., IJCAI 2023), as Optuna's
 * {@code PedAnovaImportanceEvaluator} computes them, with its handling of conditional parameters
 * (condPED-ANOVA, KDD 2026): how much a parameter's values among the best trials (the top
 * {@code targetQuantile} by the target) differ from its values among the trials of the region
 * (the top {@code regionQuantile}; all of them by default). Each difference is the Pearson
 * divergence between two one-dimensional Parzen estimates on a grid of the parameter's range
 * ({@link GridParzenEstimator}), so no model is fitted: it is far cheaper than fANOVA and works
 * from a few dozen trials, and it answers "what did the best trials have in common".
 *
 * <p>A parameter that only some trials have (a conditional one, such as SGD's momentum) is judged
 * per regime: the trials where it has one distribution, and those where it is absent. The
 * importance adds up each active regime's divergence weighted by {@code alpha^2 / beta} (its
 * share of the best trials squared over its share of the region), times
 * {@code (targetQuantile / regionQuantile)^2} as realized by the trial counts. A regime of fewer
 * than 2 trials is left out. With {@code evaluateOnLocal} false the region's estimate is replaced
 * by the uniform density on the grid: importance in the whole search space.
 *
 * <p>The best trials are those whose loss is at most the {@code ceil(q n)}-th smallest (ties
 * included), the loss being the target where {@link #direction()} minimizes and its negation
 * where it maximizes; {@link #evaluate(Study)} takes the direction from the study.
 *
 * @param targetQuantile the share of trials that are the best; in {@code (0, regionQuantile)}
 * @param regionQuantile the share of trials the importances are measured among; at most 1
 * @param evaluateOnLocal whether the best trials are compared with the region's trials (true) or
 *     with the uniform density over the range (false)
 * @param direction whether lower or higher targets are better
 */
public record PedAnovaEvaluator(double targetQuantile, double regionQuantile,
    boolean evaluateOnLocal, StudyDirection direction) implements ImportanceEvaluator {

  /** A regime of fewer trials than this is left out. */
  static final int MIN_TRIALS_IN_REGIME = 2;

  public PedAnovaEvaluator {
    if (!(0 < targetQuantile && targetQuantile < regionQuantile && regionQuantile <= 1)) {
      throw new IllegalArgumentException("PED-ANOVA needs 0 < targetQuantile < regionQuantile <= "
          + "1, got targetQuantile=" + targetQuantile + " and regionQuantile=" + regionQuantile);
    }
    Objects.requireNonNull(direction, "direction");
  }

  /** Optuna's settings: the top 10% against all trials, locally, lower targets better. */
  public static PedAnovaEvaluator defaults() {
    return new PedAnovaEvaluator(0.1, 1.0, true, StudyDirection.MINIMIZE);
  }

  /** This evaluator for targets where {@code value} is the better direction. */
  public PedAnovaEvaluator withDirection(StudyDirection value) {
    return new PedAnovaEvaluator(targetQuantile, regionQuantile, evaluateOnLocal, value);
  }

  /** This evaluator with other quantiles. */
  public PedAnovaEvaluator withQuantiles(double target, double region) {
    return new PedAnovaEvaluator(target, region, evaluateOnLocal, direction);
  }

  /** This evaluator comparing with the whole search space ({@code false}) or the region. */
  public PedAnovaEvaluator withEvaluateOnLocal(boolean value) {
    return new PedAnovaEvaluator(targetQuantile, regionQuantile, value, direction);
  }

  /**
   * The importances of every parameter any complete trial of a single-objective study has, for
   * its objective value, the best trials by the study's direction.
   *
   * @throws IllegalArgumentException for a multi-objective study
   * @throws ImportanceException as {@link #evaluate(List, List, ImportanceTarget)}
   */
  @Override
  public ParamImportances evaluate(Study study) {
    if (study.directions().size() != 1) {
      throw new IllegalArgumentException("study '" + study.name() + "' has "
          + study.directions().size() + " objectives; name one with ImportanceTarget.objective(i)"
          + " and its direction with withDirection");
    }
    return withDirection(study.directions().get(0)).evaluate(study.trials(), List.of(),
        ImportanceTarget.value());
  }

  /**
   * {@inheritDoc} Unlike the forest methods, a parameter need not be in every trial: with
   * {@code params} empty, every parameter any complete trial has is judged, conditional ones
   * regime by regime; a parameter's distribution may differ between trials (each is a regime).
   */
  @Override
  public ParamImportances evaluate(List<FrozenTrial> trials, List<String> params,
      ImportanceTarget target) {
    List<FrozenTrial> complete = new ArrayList<>();
    List<Double> losses = new ArrayList<>();
    int skipped = 0;
    double sign = direction == StudyDirection.MINIMIZE ? 1 : -1;
    for (FrozenTrial t : trials) {
      if (t.state() != TrialState.COMPLETE) {
        continue;
      }
      double v;
      try {
        v = target.function().applyAsDouble(t);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("target '" + target.name() + "' cannot be read from "
            + "trial " + t.number() + ": " + e.getMessage(), e);
      }
      if (!Double.isFinite(v)) {
        skipped++;
        continue;
      }
      complete.add(t);
      losses.add(sign * v);
    }
    if (complete.size() < 2) {
      throw new ImportanceException("PED-ANOVA needs at least 2 complete trials with a finite "
          + target.name() + ", got " + complete.size());
    }
    double lowest = losses.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double highest = losses.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    if (lowest == highest) {
      throw new ImportanceException("every complete trial has " + target.name() + " "
          + lowest * sign + ": nothing to explain");
    }
    List<String> names = names(complete, params);
    List<FrozenTrial> best = top(complete, losses, targetQuantile);
    List<FrozenTrial> region = top(complete, losses, regionQuantile);
    if (evaluateOnLocal && best.size() == region.size()) {
      // the best trials are the region's: every divergence would be 0, whatever mattered
      throw new ImportanceException("the best " + Math.round(targetQuantile * 100) + "% of the "
          + complete.size() + " trials by " + target.name() + " tie with the "
          + (regionQuantile == 1 ? "rest" : "top " + Math.round(regionQuantile * 100) + "%")
          + " (" + best.size() + " trials share the cutoff): nothing sets them apart; use a "
          + "larger quantile, or compare with the whole space (evaluateOnLocal false)");
    }
    // membership by identity: trial numbers repeat in a list gathered from several studies
    Set<FrozenTrial> bestTrials = java.util.Collections.newSetFromMap(
        new java.util.IdentityHashMap<>());
    bestTrials.addAll(best);
    double quantile = (double) best.size() / region.size();
    Map<String, Double> raw = new LinkedHashMap<>();
    for (String name : names) {
      double importance = 0;
      for (Map.Entry<Distribution, List<FrozenTrial>> regime : regimes(name, region).entrySet()) {
        Distribution dist = regime.getKey();
        List<FrozenTrial> inRegime = regime.getValue();
        List<FrozenTrial> bestInRegime = inRegime.stream()
            .filter(bestTrials::contains).toList();
        if (dist == null || dist.isSingle() || bestInRegime.isEmpty()) {
          continue;
        }
        double alpha = (double) bestInRegime.size() / best.size();
        double beta = (double) inRegime.size() / region.size();
        importance += alpha * alpha / beta * divergence(name, dist, bestInRegime, inRegime);
      }
      raw.put(name, importance * quantile * quantile);
    }
    return ParamImportances.rank(raw, complete.size(), skipped, "PED-ANOVA", target);
  }

  /** The parameters judged: those asked for, else every one a complete trial has, by name. */
  private static List<String> names(List<FrozenTrial> complete, List<String> params) {
    Set<String> present = new TreeSet<>();
    complete.forEach(t -> present.addAll(t.distributions().keySet()));
    if (params.isEmpty()) {
      return List.copyOf(present);
    }
    List<String> missing = params.stream().filter(p -> !present.contains(p)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("no complete trial with a finite target has parameter(s) "
          + missing + "; they have " + present);
    }
    return List.copyOf(new java.util.LinkedHashSet<>(params));
  }

  /**
   * The trials whose loss is at most the {@code ceil(q n)}-th smallest (ties included), in their
   * order; all of them for {@code q = 1}.
   */
  static List<FrozenTrial> top(List<FrozenTrial> trials, List<Double> losses, double q) {
    if (q == 1.0) {
      return trials;
    }
    double[] sorted = losses.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int cut = (int) Math.ceil(q * sorted.length) - 1;
    double cutoff = sorted[Math.max(0, cut)];
    List<FrozenTrial> out = new ArrayList<>();
    for (int i = 0; i < trials.size(); i++) {
      if (losses.get(i) <= cutoff) {
        out.add(trials.get(i));
      }
    }
    return out;
  }

  /**
   * {@code trials} by the distribution {@code name} has in them ({@code null}: absent), regimes of
   * fewer than {@value #MIN_TRIALS_IN_REGIME} trials left out.
   */
  private static Map<Distribution, List<FrozenTrial>> regimes(String name,
      List<FrozenTrial> trials) {
    Map<Distribution, List<FrozenTrial>> out = new LinkedHashMap<>();
    for (FrozenTrial t : trials) {
      out.computeIfAbsent(t.distributions().get(name), k -> new ArrayList<>()).add(t);
    }
    out.values().removeIf(list -> list.size() < MIN_TRIALS_IN_REGIME);
    return out;
  }

  /**
   * The Pearson divergence of the best trials' density of {@code name} from the region's (or the
   * uniform one): {@code sum_x p_local(x) (p_best(x) / p_local(x) - 1)^2} over the grid.
   */
  private double divergence(String name, Distribution dist, List<FrozenTrial> best,
      List<FrozenTrial> region) {
    boolean categorical = dist instanceof CategoricalDistribution;
    double[] top = GridParzenEstimator.pdf(GridParzenEstimator.counts(name, dist, best),
        categorical);
    double[] local;
    if (evaluateOnLocal) {
      local = GridParzenEstimator.pdf(GridParzenEstimator.counts(name, dist, region),
          categorical);
    } else {
      local = new double[top.length];
      Arrays.fill(local, 1.0 / top.length);
    }
    double d = 0;
    for (int x = 0; x < top.length; x++) {
      double p = top[x] + 1e-12;
      double q = evaluateOnLocal ? local[x] + 1e-12 : local[x];
      double r = p / q - 1;
      d += q * r * r;
    }
    return d;
  }
}
