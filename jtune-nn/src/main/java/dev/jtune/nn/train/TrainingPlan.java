package dev.jtune.nn.train;

import dev.jtune.nn.optim.OptimizerSpec;
import dev.jtune.nn.schedule.BatchSizeSchedule;
import dev.jtune.nn.schedule.LearningRateSchedule;
import java.util.Optional;

/**
 * How to train one network: optimizer, learning-rate schedule, batch sizes, optional early stopping,
 * and an optional limit on the memory one training step may take ({@code 0} for none), checked
 * before training starts against a {@link StepMemory} estimate for the largest batch.
 *
 * @param optimizer the optimizer and its base learning rate
 * @param schedule how the rate moves
 * @param batchSizes the batch size per epoch (ignored by full-batch gradient descent)
 * @param earlyStopping stop when the validation metric stalls, or {@code null} for never
 * @param batchMemoryLimitBytes the most bytes one training step may take by the {@link StepMemory}
 *     estimate (input, layer outputs and their gradients, parameters, gradients and optimizer
 *     state), 0 for no limit
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
   * The largest batch a fit of {@code rows} rows over {@code epochs} epochs uses: the last epoch's,
   * since batch-size schedules never shrink; all rows for full-batch gradient descent.
   */
  public int largestBatch(int rows, int epochs) {
    return optimizer.fullBatch() ? rows : Math.min(rows, batchSizes.sizeAt(epochs));
  }

  /**
   * Checks that a training step with the largest batch fits the limit, if one is set.
   *
   * @param memory the estimate for that batch ({@link StepMemory#estimate})
   * @param batch the batch size the estimate is for
   * @throws IllegalArgumentException naming the batch size, the estimate and the limit, if not
   */
  public void checkStepMemory(StepMemory memory, int batch) {
    if (batchMemoryLimitBytes > 0 && memory.total() > batchMemoryLimitBytes) {
      throw new IllegalArgumentException("a training step with batches of " + batch
          + " samples needs about " + memory + " = " + memory.total() + " bytes, over the limit"
          + " of " + batchMemoryLimitBytes + " bytes; use smaller batches or a smaller network");
    }
  }
}
