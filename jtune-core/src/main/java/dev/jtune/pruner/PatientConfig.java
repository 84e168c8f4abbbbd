package dev.jtune.pruner;

/**
 * Configuration of the patience rule ({@link Pruner#patient}), Optuna's {@code PatientPruner}: a
 * trial has stagnated when the best of its last {@code patience + 1} values is not better than the
 * best of the values before them by more than {@code minDelta}; only then is it pruned (or the
 * wrapped pruner asked).
 *
 * @param patience steps without improvement to tolerate ({@code >= 0})
 * @param minDelta the least change that counts as an improvement ({@code >= 0}, finite)
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
