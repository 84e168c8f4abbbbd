package dev.jtune.nn.train;

import dev.jtune.trial.Trial;
import dev.jtune.trial.TrialPrunedException;

/**
 * Reports each epoch's monitored validation metric to the trial ({@code trial.report(step, v)},
 * the step being {@code stepOffset + epoch}) and throws {@link TrialPrunedException} when the
 * study's pruner says so: any pruner can stop any fit, as with Optuna's Keras pruning callback.
 */
public final class PruningListener implements EpochListener {

  private final Trial trial;
  private final Metric monitor;
  private final int stepOffset;

  /** Reports {@code monitor} at steps {@code stepOffset + epoch}. */
  public PruningListener(Trial trial, Metric monitor, int stepOffset) {
    this.trial = trial;
    this.monitor = monitor;
    this.stepOffset = stepOffset;
  }

  @Override
  public void onEpoch(EpochRecord record) {
    report(record.epoch(), record.validation().get(monitor));
  }

  /**
   * Reports {@code value} at the steps of epochs {@code fromEpoch..toEpoch}, judging each as an
   * epoch: a cross-validation fold that stopped early holds its result for the epochs it did not
   * train, so that the next fold's epochs come at the same steps in every trial (and a pruner
   * compares like with like).
   *
   * @throws TrialPrunedException when the pruner says so at one of them
   */
  public void hold(int fromEpoch, int toEpoch, double value) {
    for (int epoch = fromEpoch; epoch <= toEpoch; epoch++) {
      report(epoch, value);
    }
  }

  private void report(int epoch, double value) {
    trial.report(stepOffset + epoch, value);
    if (trial.shouldPrune()) {
      throw new TrialPrunedException("pruned at epoch " + epoch + " with val_"
          + monitor.label() + "=" + value);
    }
  }
}
