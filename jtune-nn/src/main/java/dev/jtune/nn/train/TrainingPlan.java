package dev.jtune.nn.train;

import dev.jtune.nn.optim.OptimizerSpec;
import dev.jtune.nn.schedule.BatchSizeSchedule;
import dev.jtune.nn.schedule.LearningRateSchedule;
import java.util.Optional;

/**
 * How to train one network: optimizer, learning-rate schedule, batch sizes, optional early stopping,
 * and an optional limit on the bytes one batch's input may take ({@code 0} for none), checked
 * before training starts.
 *
 * @param optimizer the optimizer and its base learning rate
 * @param schedule how the rate moves
 * @param batchSizes the batch size per epoch (ignored by full-batch gradient descent)
 * @param earlyStopping stop when the validation metric stalls, or {@code null} for never
 * @param batchMemoryLimitBytes the most bytes one batch's input tensor may take, 0 for no limit
 */
public record TrainingPlan(OptimizerSpec optimizer, LearningRateSchedule schedule,
    BatchSizeSchedule batchSizes, EarlyStopping earlyStopping, long batchMemoryLimitBytes) {

  public TrainingPlan {
    if (optimizer == null || schedule == null || batchSizes == null) {
      throw new IllegalArgumentException("optimizer, schedule and batchSizes are required");
    }
    if (batchMemoryLimitBytes < 0) {
      throw new IllegalArgumentException("batchMemoryLimitBytes=" + batchMemoryLimitBytes
          + " must be >= 0");
    }
  }

  /** Adam at 1e-3 (Keras's defaults), constant rate, batch size 32, no early stopping. */
  public static TrainingPlan defaults() {
    return of(OptimizerSpec.Adam.of(1e-3), 32);
  }

  /** An optimizer at a constant rate with a constant batch size. */
  public static TrainingPlan of(OptimizerSpec optimizer, int batchSize) {
    return new TrainingPlan(optimizer, LearningRateSchedule.constant(),
        BatchSizeSchedule.constant(batchSize), null, 0);
  }

  /** The early stopping rule, if any. */
  public Optional<EarlyStopping> early() {
    return Optional.ofNullable(earlyStopping);
  }

  public TrainingPlan withSchedule(LearningRateSchedule s) {
    return new TrainingPlan(optimizer, s, batchSizes, earlyStopping, batchMemoryLimitBytes);
  }

  public TrainingPlan withBatchSizes(BatchSizeSchedule b) {
    return new TrainingPlan(optimizer, schedule, b, earlyStopping, batchMemoryLimitBytes);
  }

  public TrainingPlan withEarlyStopping(EarlyStopping e) {
    return new TrainingPlan(optimizer, schedule, batchSizes, e, batchMemoryLimitBytes);
  }

  public TrainingPlan withBatchMemoryLimit(long bytes) {
    return new TrainingPlan(optimizer, schedule, batchSizes, earlyStopping, bytes);
  }

  /**
   * Checks that the largest batch of a fit fits the limit.
   *
   * @throws IllegalArgumentException naming the batch size, the bytes and the limit, if not
   */
  public void checkBatchMemory(int rows, int sampleSize, int epochs) {
    if (batchMemoryLimitBytes == 0) {
      return;
    }
    int largest = optimizer.fullBatch() ? rows : Math.min(rows, batchSizes.sizeAt(epochs));
    long bytes = (long) largest * sampleSize * Float.BYTES;
    if (bytes > batchMemoryLimitBytes) {
      throw new IllegalArgumentException("a batch of " + largest + " samples x " + sampleSize
          + " floats takes " + bytes + " bytes, over the limit of " + batchMemoryLimitBytes);
    }
  }
}
