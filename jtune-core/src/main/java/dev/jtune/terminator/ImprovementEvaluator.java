package dev.jtune.terminator;

import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import java.util.List;

/**
 * How much room for improvement a study has left, in the objective's units (or, for
 * {@link BestValueStagnation}, in trials).
 */
public interface ImprovementEvaluator {
  /**
   * The room left, judged from the study's trials.
   *
   * @throws IllegalArgumentException if the trials cannot be judged (none complete, say)
   */
  double evaluate(List<FrozenTrial> trials, StudyDirection direction);

  /**
   * Whether an evaluation costs enough that a large study is judged less often
   * ({@link TerminatorCallback}): true unless an evaluator says otherwise (a regret bound fits a
   * GP; counting stagnant trials costs nothing).
   */
  default boolean costly() {
    return true;
  }

  /**
   * The regret bound of a Gaussian process fitted to the best trials
   * ({@link dev.jtune.sampler.gp.RegretBound}; Optuna's {@code RegretBoundEvaluator}).
   *
   * @param topTrialsRatio the share of the complete trials, best first, the GP is fitted to (0.5)
   * @param minTopTrials the fewest trials it is fitted to (20)
   * @param seed the seed of the random points the upper bound is searched over
   */
  static ImprovementEvaluator regretBound(double topTrialsRatio, int minTopTrials, long seed) {
    return new RegretBoundEvaluator(topTrialsRatio, minTopTrials, seed);
  }

  /** The regret bound with Optuna's defaults: the best half of the trials, at least 20. */
  static ImprovementEvaluator regretBound() {
    return regretBound(RegretBoundEvaluator.DEFAULT_TOP_TRIALS_RATIO,
        RegretBoundEvaluator.DEFAULT_MIN_TOP_TRIALS, 0);
  }
}
