package dev.jtune.pruner;

/**
 * Configuration of the patience rule ({@link Pruner#patient}), Optuna's {@code PatientPruner} with
 * Optuna's test: a trial has stagnated when the best of its last {@code patience + 1} values is
 * <em>worse</em> than the best of the values before them by more than {@code minDelta}; only then
 * is it pruned (or the wrapped pruner asked). A curve that stays level has not stagnated, and a
 * larger {@code minDelta} tolerates more worsening. This is not Keras's {@code EarlyStopping},
 * where a gain of at most {@code min_delta} already counts as no improvement (Optuna issue #3835
 * notes the difference); jtune keeps Optuna's rule so that a study ported from Optuna prunes the
 * same trials. For Keras's rule inside a fit, use the training loop's early stopping.
 *
 * @param patience steps to look back over ({@code >= 0}): the last {@code patience + 1} values are
 *     compared with the ones before them
 * @param minDelta how much worse than the earlier best the recent best may be before the trial
 *     counts as stagnating ({@code >= 0}, finite)
 */
public record PatientConfig(int patience, double minDelta) {

  public PatientConfig {
    if (patience < 0) {
      throw new IllegalArgumentException("patience must be >= 0, got patience=" + patience);
    }
    if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
      throw new IllegalArgumentException("minDelta must be finite and >= 0, got minDelta="
          + minDelta);
    }
  }

  /** The given patience, any improvement counts. */
  public static PatientConfig of(int patience) {
    return new PatientConfig(patience, 0);
  }
}
