package dev.jtune.nn.train;

/**
 * A fit whose training loss stopped being a finite number (the learning rate is too large for the
 * network, typically), before any epoch could be kept: the trial fails with this message instead
 * of scoring a network whose weights are NaN.
 */
public final class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int epoch;

  /** The fit diverged in {@code epoch} (from 1), trained at learning rate {@code learningRate}. */
  public TrainingDivergedException(int epoch, double loss, double learningRate) {
    super("training diverged: the training loss is " + loss + " in epoch " + epoch
        + " (learning rate " + learningRate + "); a smaller learning rate may train");
    this.epoch = epoch;
  }

  /** The epoch (from 1) whose loss was not finite. */
  public int epoch() {
    return epoch;
  }
}
