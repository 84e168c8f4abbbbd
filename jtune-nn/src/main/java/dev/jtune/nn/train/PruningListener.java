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
    double value = record.validation().get(monitor);
    int step = stepOffset + record.epoch();
    trial.report(step, value);
    if (trial.shouldPrune()) {
      throw new TrialPrunedException("pruned at epoch " + record.epoch() + " with val_"
          + monitor.label() + "=" + value);
    }
  }
}
