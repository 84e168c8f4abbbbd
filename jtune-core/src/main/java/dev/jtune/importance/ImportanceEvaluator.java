package dev.jtune.importance;

import dev.jtune.study.Study;
import dev.jtune.trial.FrozenTrial;
import java.util.List;

/**
 * Says which parameters mattered in a study: how much of the variation of the objective (or another
 * {@link ImportanceTarget}) each parameter explains, learned from the complete trials.
 *
 * <p>Three methods, as in Optuna: {@link FanovaEvaluator} (the default: the functional ANOVA of a
 * random forest), {@link MeanDecreaseImpurityEvaluator} (the forest's split gains, faster and
 * cruder) and {@link PedAnovaEvaluator} (how the best trials' values differ from the others', with
 * no model; it also judges conditional parameters). All are deterministic for a given seed and
 * list of trials. Importances are most reliable when the
 * trials cover the space, as random or quasi-random search does; a model-based sampler's trials
 * crowd near the optimum, where fewer parameters vary.
 *
 * <p>Thread-safe: evaluators are immutable values.
 */
public sealed interface ImportanceEvaluator
    permits FanovaEvaluator, MeanDecreaseImpurityEvaluator, PedAnovaEvaluator {

  /** fANOVA with Optuna's settings (64 trees of depth at most 64) and seed 0. */
  static FanovaEvaluator fanova() {
    return FanovaEvaluator.defaults();
  }

  /** PED-ANOVA with Optuna's settings (the top 10% against all trials), lower targets better. */
  static PedAnovaEvaluator pedAnova() {
    return PedAnovaEvaluator.defaults();
  }

  /** Mean decrease in impurity with Optuna's settings and seed 0. */
  static MeanDecreaseImpurityEvaluator meanDecreaseImpurity() {
    return MeanDecreaseImpurityEvaluator.defaults();
  }

  /**
   * The importances of the parameters in {@code params} (every parameter that all complete trials
   * share, when empty; for PED-ANOVA every parameter any has) for {@code target}, learned from the
   * complete trials in {@code trials} that have those parameters and a finite target. Other trials
   * are ignored. The forest methods explain the target's variation, whichever way is better; PED-ANOVA
   * compares the best trials with the others, the best by its
   * {@link PedAnovaEvaluator#direction()} (lower targets unless set otherwise).
   *
   * @return importances that are non-negative and sum to 1 (or are all 0 when no parameter's main
   *     effect explains anything), highest first; a parameter with a single possible value gets 0
   * @throws IllegalArgumentException for a parameter no complete trial has, a parameter whose
   *     distribution differs between trials, or a target that cannot be read from a trial
   * @throws ImportanceException with fewer than two usable trials, or when the target never varies
   */
  ParamImportances evaluate(List<FrozenTrial> trials, List<String> params, ImportanceTarget target);

  /**
   * The importances of every parameter shared by all complete trials of a single-objective study,
   * for its objective value.
   *
   * @throws IllegalArgumentException for a multi-objective study (name an objective with
   *     {@link ImportanceTarget#objective(int)})
   * @throws ImportanceException as {@link #evaluate(List, List, ImportanceTarget)}
   */
  default ParamImportances evaluate(Study study) {
    if (study.directions().size() != 1) {
      throw new IllegalArgumentException("study '" + study.name() + "' has "
          + study.directions().size() + " objectives; name one with ImportanceTarget.objective(i)");
    }
    return evaluate(study.trials(), List.of(), ImportanceTarget.value());
  }
}
