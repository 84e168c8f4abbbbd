package dev.jtune.nn.train;

import java.util.List;

/**
 * The outcome of a fit.
 *
 * @param history one record per epoch run
 * @param bestEpoch the epoch with the best monitored validation metric (from 1)
 * @param best the validation metrics of that epoch
 * @param weights the final weights in DJL's parameter format, as {@link FitLoop#fit} says which
 *     epoch's; load them with
 *     {@link TrainedNetwork#load(ai.djl.nn.Block, dev.jtune.nn.model.Task, byte[])}
 * @param stoppedEarly whether the fit ended before its last epoch: early stopping ended it, or a
 *     training loss that was not finite did (the best earlier epoch kept)
 * @param parameters the network's trainable parameters (those the optimizer updates)
 * @param checkpoint where the fit ended (last epoch's weights, optimizer state, epochs trained in
 *     all), for a loop made {@link FitLoop#startingFrom}; {@code null} otherwise
 */
public record FitResult(List<EpochRecord> history, int bestEpoch, Evaluation best, byte[] weights,
    boolean stoppedEarly, long parameters, Checkpoint checkpoint) {

  public FitResult {
    history = List.copyOf(history);
  }
}
