package dev.jtune.nn.train;

/**
 * Stop a fit when the monitored validation metric has not improved by more than {@code minDelta}
 * for {@code patience} epochs in a row (Keras's {@code EarlyStopping}); with {@code restoreBest},
 * the fit's final weights are those of the epoch of the last such improvement rather than its last
 * epoch (Keras's {@code restore_best_weights}: with {@code minDelta > 0} a later epoch slightly
 * better by {@code monitor} does not replace them). A tuner's trial keeps the best epoch's weights
 * by the objective either way (what scored it).
 *
 * @param monitor the validation metric watched
 * @param patience epochs without improvement tolerated, at least 1
 * @param minDelta the least change that counts as an improvement, at least 0
 * @param restoreBest keep the best epoch's weights
 */
public record EarlyStopping(Metric monitor, int patience, double minDelta, boolean restoreBest) {

  public EarlyStopping {
    if (patience < 1 || !(minDelta >= 0)) {
      throw new IllegalArgumentException("patience=" + patience + " must be >= 1 and minDelta="
          + minDelta + " >= 0");
    }
  }

  /** Whether {@code value} improves on {@code best} by more than {@code minDelta}. */
  public boolean improves(double value, double best) {
    if (Double.isNaN(best)) {
      return !Double.isNaN(value);
    }
    double gain = monitor.higherIsBetter() ? value - best : best - value;
    return gain > minDelta;
  }
}
