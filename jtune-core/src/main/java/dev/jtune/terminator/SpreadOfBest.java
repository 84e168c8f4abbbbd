package dev.jtune.terminator;

import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An error read from the scores the best complete trial stored (its folds', its executions'):
 * subclasses say where the scores are and how their spread makes the error.
 */
abstract sealed class SpreadOfBest implements ErrorEvaluator
    permits CrossValidationError, ExecutionsError {

  /** The best trial's scores, as stored (numbers that are not finite left out). */
  abstract List<Double> scores(FrozenTrial best);

  /** The error of a mean of these scores, 2 or more. */
  abstract double error(List<Double> scores);

  /** Why a best trial without scores cannot be judged, and what to do. */
  abstract String missing(FrozenTrial best);

  @Override
  public final double evaluate(List<FrozenTrial> trials, StudyDirection direction) {
    FrozenTrial best = trials.stream().filter(t -> t.state() == TrialState.COMPLETE)
        .min(Comparator.comparingDouble((FrozenTrial t) -> direction.toMinimized(t.value()))
            .thenComparingInt(FrozenTrial::number))
        .orElseThrow(() -> new IllegalArgumentException("no trial has completed: the error is "
            + "the spread of the best trial's scores"));
    List<Double> scores = scores(best);
    if (scores.size() < 2) {
      throw new IllegalArgumentException(missing(best));
    }
    return error(scores);
  }

  /** The finite numbers of a stored list; empty for anything else. */
  static List<Double> numbers(Object stored) {
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

  /**
   * Stores 2 or more finite scores as the trial's user attribute {@code key}.
   *
   * @throws IllegalArgumentException naming {@code what} otherwise
   */
  static void store(Trial trial, String key, List<Double> scores, String what) {
    if (scores.size() < 2 || scores.stream().anyMatch(s -> s == null || !Double.isFinite(s))) {
      throw new IllegalArgumentException(what + " need at least 2 finite scores, got " + scores);
    }
    trial.setUserAttr(key, List.copyOf(scores));
  }

  /** The mean of the scores. */
  static double mean(List<Double> scores) {
    return scores.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }
}
