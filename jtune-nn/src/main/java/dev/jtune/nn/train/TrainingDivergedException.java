package dev.jtune.nn.train;

/**
 * A fit whose training loss, or the network's outputs on the validation rows, stopped being finite
 * numbers (the learning rate is too large for the network, typically), when no earlier epoch's
 * weights are kept to fall back on (the first epoch, or any epoch of a fit that keeps the last
 * epoch's weights): the trial fails with this message instead of scoring a network whose weights
 * are NaN.
 */
public final class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int epoch;

  /** The fit diverged in {@code epoch} (from 1), trained at learning rate {@code learningRate}. */
  public TrainingDivergedException(int epoch, double loss, double learningRate) {
    this(epoch, "the training loss is " + loss + " in epoch " + epoch, learningRate);
  }

  private TrainingDivergedException(int epoch, String what, double learningRate) {
    super("training diverged: " + what + " (learning rate " + learningRate
        + "); a smaller learning rate may train");
    this.epoch = epoch;
  }

  /**
   * The last update of {@code epoch} left the network giving non-finite outputs on the validation
   * rows (its training loss, taken before each update, was still finite).
   */
  public static TrainingDivergedException onValidation(int epoch, double learningRate) {
    return new TrainingDivergedException(epoch,
        "the network's outputs on the validation rows are not finite after epoch " + epoch,
        learningRate);
  }

  /** The epoch (from 1) whose loss was not finite. */
  public int epoch() {
    return epoch;
  }
}
