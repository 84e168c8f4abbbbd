package dev.jtune.importance;

import dev.jtune.trial.FrozenTrial;
import java.util.List;

/**
 * Parameter importances by functional ANOVA (Hutter, Hoos and Leyton-Brown, ICML 2014), as Optuna's
 * default {@code FanovaImportanceEvaluator} computes them: fit a random forest that predicts the
 * target from the parameters; in each tree, take the share of the tree's variance over the search
 * space that each parameter's main effect explains; average the shares over the trees (trees that
 * do not vary are skipped) and scale them to sum to 1.
 *
 * <p>Departures from Optuna 3.1, both deliberate: a log-scale parameter is measured in log space
 * (Optuna measures it on its raw values, where nearly all of {@code [1e-5, 1e-1]} lies above 1e-2),
 * and a categorical parameter over its choices (see {@code FanovaTree}). Only main effects are
 * reported; what the parameters explain together is not. The forest is seeded, so the result is
 * the same on every run (Optuna's default seed is random).
 *
 * @param trees the number of trees in the forest; at least 1
 * @param maxDepth the maximum depth of each tree; at least 1
 * @param seed the forest's seed
 */
public record FanovaEvaluator(int trees, int maxDepth, long seed) implements ImportanceEvaluator {

  public FanovaEvaluator {
    ForestImportance.check(trees, maxDepth);
  }

  /** Optuna's settings: 64 trees of depth at most 64; seed 0. */
  public static FanovaEvaluator defaults() {
    return new FanovaEvaluator(64, 64, 0L);
  }

  /** This evaluator with another seed. */
  public FanovaEvaluator withSeed(long seed) {
    return new FanovaEvaluator(trees, maxDepth, seed);
  }

  @Override
  public ParamImportances evaluate(List<FrozenTrial> trials, List<String> params,
      ImportanceTarget target) {
    return analyze(trials, params, target).importances();
  }

  /**
   * Fits the forest once, to ask it for importances and surfaces: the complete trials in
   * {@code trials} that have the parameters in {@code params} (every parameter all complete trials
   * share, when empty) and a finite target.
   *
   * @throws IllegalArgumentException as {@link #evaluate}
   * @throws ImportanceException with fewer than two usable trials, or a target that never varies
   */
  public FanovaAnalysis analyze(List<FrozenTrial> trials, List<String> params,
      ImportanceTarget target) {
    return FanovaAnalysis.fit(this, trials, params, target);
  }

  /**
   * The pairwise marginal of two parameters, from the complete trials that have every parameter
   * all complete trials share: {@code analyze(trials, List.of(), target).surface(first, second,
   * points)}.
   *
   * @throws IllegalArgumentException as {@link FanovaAnalysis#surface}
   * @throws ImportanceException as {@link #analyze}
   */
  public MarginalSurface surface(List<FrozenTrial> trials, String first, String second,
      ImportanceTarget target, int points) {
    FanovaAnalysis.checkSurface(first, second, points);
    return analyze(trials, List.of(), target).surface(first, second, points);
  }
}
