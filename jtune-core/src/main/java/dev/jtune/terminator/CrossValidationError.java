package dev.jtune.terminator;

import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.Comparator;
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
public final class CrossValidationError implements ErrorEvaluator {
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
    if (scores.size() < 2) {
      throw new IllegalArgumentException("cross-validation scores need at least 2 folds, got "
          + scores);
    }
    if (scores.stream().anyMatch(s -> s == null || !Double.isFinite(s))) {
      throw new IllegalArgumentException("cross-validation scores must be finite, got " + scores);
    }
    trial.setUserAttr(SCORES, List.copyOf(scores));
  }

  @Override
  public double evaluate(List<FrozenTrial> trials, StudyDirection direction) {
    FrozenTrial best = trials.stream().filter(t -> t.state() == TrialState.COMPLETE)
        .min(Comparator.comparingDouble((FrozenTrial t) -> direction.toMinimized(t.value()))
            .thenComparingInt(FrozenTrial::number))
        .orElseThrow(() -> new IllegalArgumentException("no trial has completed: the error "
            + "is the spread of the best trial's folds"));
    List<Double> scores = scores(best);
    if (scores.size() < 2) {
      throw new IllegalArgumentException("the best trial, #" + best.number() + ", has no "
          + "cross-validation scores (user attribute " + SCORES + " with 2 or more numbers): "
          + "score trials over folds (CrossValidationError.report, or a cross-validated "
          + "training objective), or judge the error otherwise (ErrorEvaluator.fixed)");
    }
    int k = scores.size();
    double mean = scores.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double variance = scores.stream().mapToDouble(s -> (s - mean) * (s - mean)).sum() / k;
    return Math.sqrt((1.0 / k + 1.0 / (k - 1)) * variance);
  }

  private static List<Double> scores(FrozenTrial trial) {
    Object stored = trial.userAttrs().get(SCORES);
    if (!(stored instanceof List<?>)) {
      stored = trial.systemAttrs().get(OPTUNA_SCORES);
    }
    List<Double> out = new ArrayList<>();
    if (stored instanceof List<?> list) {
      for (Object v : list) {
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
          out.add(n.doubleValue());
        }
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "CrossValidationError";
  }
}
