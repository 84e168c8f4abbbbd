package dev.jtune.pruner;

/**
 * Configuration of the threshold rule ({@link Pruner#threshold}), Optuna's {@code ThresholdPruner}:
 * at a checked step, a trial whose latest value is NaN, below {@code lower} or above {@code upper}
 * is pruned.
 *
 * @param lower the smallest acceptable value ({@code -Infinity} for none); not NaN
 * @param upper the largest acceptable value ({@code +Infinity} for none); not NaN, {@code >= lower}
 * @param warmupSteps no pruning at steps below this ({@code >= 0})
 * @param intervalSteps steps between checks, counted from {@code warmupSteps} ({@code >= 1})
 */
public record ThresholdConfig(double lower, double upper, int warmupSteps, int intervalSteps) {

  public ThresholdConfig {
    if (Double.isNaN(lower) || Double.isNaN(upper)) {
      throw new IllegalArgumentException("bounds must not be NaN, got lower=" + lower + ", upper="
          + upper);
    }
    if (lower > upper) {
      throw new IllegalArgumentException("lower=" + lower + " must be <= upper=" + upper);
    }
    if (warmupSteps < 0) {
      throw new IllegalArgumentException("warmupSteps must be >= 0, got warmupSteps="
          + warmupSteps);
    }
    if (intervalSteps < 1) {
      throw new IllegalArgumentException("intervalSteps must be >= 1, got intervalSteps="
          + intervalSteps);
    }
  }

  /** Values must stay in {@code [lower, upper]}, checked at every step. */
  public static ThresholdConfig between(double lower, double upper) {
    return new ThresholdConfig(lower, upper, 0, 1);
  }

  /** Values must stay {@code >= lower}. */
  public static ThresholdConfig atLeast(double lower) {
    return between(lower, Double.POSITIVE_INFINITY);
  }

  /** Values must stay {@code <= upper}. */
  public static ThresholdConfig atMost(double upper) {
    return between(Double.NEGATIVE_INFINITY, upper);
  }

  /** Only NaN values prune. */
  public static ThresholdConfig nanOnly() {
    return between(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  /** A copy with another number of warm-up steps. */
  public ThresholdConfig withWarmupSteps(int warmupSteps) {
    return new ThresholdConfig(lower, upper, warmupSteps, intervalSteps);
  }

  /** A copy with another interval between checks. */
  public ThresholdConfig withIntervalSteps(int intervalSteps) {
    return new ThresholdConfig(lower, upper, warmupSteps, intervalSteps);
  }
}
