package dev.jtune.terminator;

import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import java.util.List;

/**
 * The statistical error of a cross-validated objective (Optuna's
 * {@code CrossValidationErrorEvaluator}): with the best complete trial's {@code k} fold scores,
 * {@code sqrt((1/k + 1/(k-1)) var)}, {@code var} their variance over {@code k} (Nadeau and
 * Bengio's correction of the variance of a mean of overlapping folds).
 *
 * <p>The scores are the trial's user attribute {@value #SCORES} (what jtune-nn's cross-validated
 * training objective stores, and {@link #report} stores), or Optuna's system attribute
 * {@value #OPTUNA_SCORES} in a study Optuna ran.
 */
public final class CrossValidationError extends SpreadOfBest {
  /** The user attribute holding a trial's fold scores. */
  public static final String SCORES = "fold_values";
  /** Where Optuna's {@code report_cross_validation_scores} keeps them (a system attribute). */
  public static final String OPTUNA_SCORES = "terminator:cv_scores";

  CrossValidationError() {}

  /**
   * Stores a trial's fold scores for this evaluator.
   *
   * @throws IllegalArgumentException for fewer than two scores, or one not finite
   */
  public static void report(Trial trial, List<Double> scores) {
    store(trial, SCORES, scores, "cross-validation scores (2 or more folds)");
  }

  @Override
  List<Double> scores(FrozenTrial best) {
    List<Double> scores = numbers(best.userAttrs().get(SCORES));
    return scores.isEmpty() ? numbers(best.systemAttrs().get(OPTUNA_SCORES)) : scores;
  }

  @Override
  double error(List<Double> scores) {
    int k = scores.size();
    double mean = mean(scores);
    double variance = scores.stream().mapToDouble(s -> (s - mean) * (s - mean)).sum() / k;
    return Math.sqrt((1.0 / k + 1.0 / (k - 1)) * variance);
  }

  @Override
  String missing(FrozenTrial best) {
    return "the best trial, #" + best.number() + ", has no cross-validation scores (user "
        + "attribute " + SCORES + " with 2 or more numbers): score trials over folds "
        + "(CrossValidationError.report, or a cross-validated training objective), or judge the "
        + "error otherwise (ErrorEvaluator.fixed)";
  }

  @Override
  public String toString() {
    return "the cross-validation error";
  }
}
