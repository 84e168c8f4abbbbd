package dev.jtune.nn.train;

/**
 * Told about every finished epoch of a fit, and optionally every batch, on the fit's thread.
 * Throwing stops the fit: a {@link dev.jtune.trial.TrialPrunedException} propagates to the study,
 * which marks the trial PRUNED; the fit's native memory is released either way.
 */
@FunctionalInterface
public interface EpochListener {

  void onEpoch(EpochRecord record);

  /**
   * Once before the first epoch, when the network is initialized: its trainable parameters (as
   * {@link FitResult#parameters()} will say). Does nothing by default.
   */
  default void onStart(long parameters) {}

  /**
   * After the optimizer's update for batch {@code batch} (from 0) of {@code epoch} (from 1), when
   * {@code rowsDone} training rows of the epoch have been seen (Keras's {@code
   * on_train_batch_end}). Nothing is read from native memory for it. Does nothing by default.
   */
  default void onBatch(int epoch, int batch, int rowsDone) {}
}
