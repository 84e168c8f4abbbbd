package dev.jtune.nn.train;

/**
 * What one epoch of a fit measured.
 *
 * @param epoch the epoch number, from 1
 * @param trainLoss the mean training loss over the epoch's batches (weights changing meanwhile)
 * @param validation the validation metrics after the epoch
 * @param learningRate the rate of the epoch's last update
 * @param batchSize the epoch's batch size
 * @param trainSeconds wall time of the epoch's updates (shuffle and batches, no validation)
 * @param seconds wall time of the epoch, validation included
 */
public record EpochRecord(int epoch, double trainLoss, Evaluation validation, double learningRate,
    int batchSize, double trainSeconds, double seconds) {}
