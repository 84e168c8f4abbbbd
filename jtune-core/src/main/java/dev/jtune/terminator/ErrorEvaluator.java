package dev.jtune.terminator;

import dev.jtune.study.StudyDirection;
import dev.jtune.trial.FrozenTrial;
import java.util.List;

/**
 * How precisely the objective measures a configuration, in the objective's units: improvement
 * below it cannot be told from noise.
 */
public interface ErrorEvaluator {
  /**
   * The error, judged from the study's trials.
   *
   * @throws IllegalArgumentException if the trials do not carry what it needs
   */
  double evaluate(List<FrozenTrial> trials, StudyDirection direction);

  /** The spread of the best trial's cross-validation scores ({@link CrossValidationError}). */
  static ErrorEvaluator crossValidation() {
    return new CrossValidationError();
  }

  /**
   * The standard error of the best trial's mean over its executions (independent runs from
   * different seeds, {@link ExecutionsError}).
   */
  static ErrorEvaluator executions() {
    return new ExecutionsError();
  }

  /** A fixed tolerance (Optuna's {@code StaticErrorEvaluator}). */
  static ErrorEvaluator fixed(double error) {
    if (!(error >= 0) || Double.isInfinite(error)) {
      throw new IllegalArgumentException("a fixed error must be finite and >= 0, got " + error);
    }
    return new ErrorEvaluator() {
      @Override
      public double evaluate(List<FrozenTrial> trials, StudyDirection direction) {
        return error;
      }

      @Override
      public String toString() {
        return "a tolerance of " + error;
      }
    };
  }
}
