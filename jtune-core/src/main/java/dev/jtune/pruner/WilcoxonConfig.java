package dev.jtune.pruner;

/**
 * Settings of the Wilcoxon pruner ({@link Pruner#wilcoxon(WilcoxonConfig)}), Optuna's
 * {@code WilcoxonPruner}'s, with its defaults ({@link #defaults()}: {@code pThreshold = 0.1},
 * {@code startupSteps = 2}).
 *
 * @param pThreshold a trial is pruned when the signed-rank test's p-value that it is no worse
 *     than the best trial falls below this; in {@code [0, 1]}, larger prunes sooner. The test is
 *     repeated as instances come in, so its false-positive rate is higher than this (Optuna
 *     suggests a Pocock-corrected threshold for the nominal rate)
 * @param startupSteps instances the trial must share with the best trial before it can be pruned
 *     (at least 2 in any case); {@code >= 0}
 */
public record WilcoxonConfig(double pThreshold, int startupSteps) {

  public WilcoxonConfig {
    if (!(pThreshold >= 0 && pThreshold <= 1)) {
      throw new IllegalArgumentException("pThreshold must be in [0, 1], got " + pThreshold);
    }
    if (startupSteps < 0) {
      throw new IllegalArgumentException("startupSteps must be >= 0, got " + startupSteps);
    }
  }

  /** Optuna's defaults: p below 0.1, after 2 shared instances. */
  public static WilcoxonConfig defaults() {
    return new WilcoxonConfig(0.1, 2);
  }

  public WilcoxonConfig withPThreshold(double value) {
    return new WilcoxonConfig(value, startupSteps);
  }

  public WilcoxonConfig withStartupSteps(int value) {
    return new WilcoxonConfig(pThreshold, value);
  }
}
