package dev.jtune.terminator;

import dev.jtune.trial.FrozenTrial;
import dev.jtune.trial.Trial;
import java.util.List;

/**
 * The statistical error of an objective that averages {@code k} independent runs of a
 * configuration (Keras Tuner's executions per trial: networks trained from different seeds on the
 * same split): the standard error of the best complete trial's mean, {@code s / sqrt(k)}, with
 * {@code s} the runs' sample standard deviation. The runs' values are the trial's user attribute
 * {@value #VALUES} (what jtune-nn's training objective stores with several executions, and
 * {@link #report} stores).
 */
public final class ExecutionsError extends SpreadOfBest {
  /** The user attribute holding a trial's runs' values. */
  public static final String VALUES = "execution_values";

  ExecutionsError() {}

  /**
   * Stores a trial's runs' values for this evaluator.
   *
   * @throws IllegalArgumentException for fewer than two values, or one not finite
   */
  public static void report(Trial trial, List<Double> values) {
    store(trial, VALUES, values, "executions");
  }

  @Override
  List<Double> scores(FrozenTrial best) {
    return numbers(best.userAttrs().get(VALUES));
  }

  @Override
  double error(List<Double> values) {
    int k = values.size();
    double mean = mean(values);
    double sampleVariance = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum()
        / (k - 1);
    return Math.sqrt(sampleVariance / k);
  }

  @Override
  String missing(FrozenTrial best) {
    return "the best trial, #" + best.number() + ", has no executions' values (user attribute "
        + VALUES + " with 2 or more numbers): train 2 or more executions per trial, or judge the "
        + "error otherwise";
  }

  @Override
  public String toString() {
    return "the executions' error";
  }
}
