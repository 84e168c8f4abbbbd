package dev.jtune.pruner;

/**
 * Configuration of the percentile rule ({@link Pruner#percentile}), Optuna's
 * {@code PercentilePruner}: at a checked step, a trial is pruned when its best intermediate value so
 * far is worse than the {@code percentile}-th best of the COMPLETE trials' values at that same step.
 * The percentile is the share of trials kept: 25 keeps the best quarter, 50 is the median rule.
 *
 * @param percentile the percentile kept, in {@code [0, 100]}; smaller prunes more
 * @param startupTrials no pruning until this many trials are COMPLETE ({@code >= 0})
 * @param warmupSteps no pruning at steps below this ({@code >= 0})
 * @param intervalSteps steps between checks, counted from {@code warmupSteps}; a check without a
 *     report at its step is made at the next report ({@code >= 1})
 * @param minTrials no pruning at a step where fewer COMPLETE trials reported a value ({@code >= 1})
 */
public record PercentileConfig(double percentile, int startupTrials, int warmupSteps,
    int intervalSteps, int minTrials) {

  public PercentileConfig {
    if (!(percentile >= 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile must be in [0, 100], got percentile="
          + percentile);
    }
    if (startupTrials < 0) {
      throw new IllegalArgumentException("startupTrials must be >= 0, got startupTrials="
          + startupTrials);
    }
    if (warmupSteps < 0) {
      throw new IllegalArgumentException("warmupSteps must be >= 0, got warmupSteps="
          + warmupSteps);
    }
    if (intervalSteps < 1) {
      throw new IllegalArgumentException("intervalSteps must be >= 1, got intervalSteps="
          + intervalSteps);
    }
    if (minTrials < 1) {
      throw new IllegalArgumentException("minTrials must be >= 1, got minTrials=" + minTrials);
    }
  }

  /** The given percentile with Optuna's defaults: 5 startup trials, no warm-up, every step. */
  public static PercentileConfig of(double percentile) {
    return new PercentileConfig(percentile, 5, 0, 1, 1);
  }

  /** The median rule (percentile 50) with Optuna's defaults. */
  public static PercentileConfig median() {
    return of(50);
  }

  /** A copy with another percentile. */
  public PercentileConfig withPercentile(double percentile) {
    return new PercentileConfig(percentile, startupTrials, warmupSteps, intervalSteps, minTrials);
  }

  /** A copy with another number of startup trials. */
  public PercentileConfig withStartupTrials(int startupTrials) {
    return new PercentileConfig(percentile, startupTrials, warmupSteps, intervalSteps, minTrials);
  }

  /** A copy with another number of warm-up steps. */
  public PercentileConfig withWarmupSteps(int warmupSteps) {
    return new PercentileConfig(percentile, startupTrials, warmupSteps, intervalSteps, minTrials);
  }

  /** A copy with another interval between checks. */
  public PercentileConfig withIntervalSteps(int intervalSteps) {
    return new PercentileConfig(percentile, startupTrials, warmupSteps, intervalSteps, minTrials);
  }

  /** A copy with another minimum number of COMPLETE trials reporting at the step. */
  public PercentileConfig withMinTrials(int minTrials) {
    return new PercentileConfig(percentile, startupTrials, warmupSteps, intervalSteps, minTrials);
  }
}
