package dev.jtune.nn.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import dev.jtune.nn.train.TrainingPlan;
import dev.jtune.trial.Trial;

/**
 * Turns a trial into a network, as Keras Tuner's {@code HyperModel.build(hp)} does: it asks the
 * trial for its hyperparameters ({@code trial.suggestInt("n_layers", 1, 3)}, ...) and returns an
 * uninitialized DJL {@link Block} whose output fits the {@link Task} ({@link Task#outputs()} raw
 * values: logits or regression outputs; the loss applies sigmoid or softmax). Any DJL block will
 * do. {@link #plan(Trial)} chooses how to train it (optimizer, schedule, batch size, early
 * stopping); by default Adam at 1e-3 with batch size 32.
 *
 * <p>Both methods must be deterministic functions of the trial's parameters: the best model is
 * rebuilt from its stored parameters to reload its saved weights. {@code build} must return a new
 * block each call (a fit initializes and trains the block it is given). They may be called from
 * several threads at once, for different trials.
 */
public interface HyperModel {

  /** The network for this trial; uninitialized (the trainer initializes it). */
  Block build(Trial trial, Task task);

  /** How to train this trial's network. */
  default TrainingPlan plan(Trial trial) {
    return TrainingPlan.defaults();
  }

  /** {@link #withInputNormalization(boolean[])} over every sample element. */
  default HyperModel withInputNormalization() {
    return withInputNormalization(null);
  }

  /**
   * This hypermodel with a {@link NormalizationBlock} in front of each network (Keras's
   * {@code Normalization} layer as the first layer), normalizing the sample elements where
   * {@code mask} is true ({@code null}: all). Each fit adapts it to its own training rows (each
   * fold's, with cross-validation), and it is saved with the weights, so the best models take raw
   * inputs. Use it instead of standardizing the data before the search.
   */
  default HyperModel withInputNormalization(boolean[] mask) {
    HyperModel base = this;
    boolean[] copy = mask == null ? null : mask.clone();
    return new HyperModel() {
      @Override
      public Block build(Trial trial, Task task) {
        return new SequentialBlock().add(new NormalizationBlock(copy)).add(base.build(trial, task));
      }

      @Override
      public TrainingPlan plan(Trial trial) {
        return base.plan(trial);
      }

      @Override
      public String toString() {
        return base + " (input normalization)";
      }
    };
  }

  /**
   * This hypermodel with every plan limited to {@code bytes} per training step by the
   * {@link dev.jtune.nn.train.StepMemory} estimate: a trial whose largest batch would need more
   * fails before it trains, with a message naming the batch size, the estimate and the limit.
   * {@code 0} removes the limit.
   */
  default HyperModel withStepMemoryLimit(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("step memory limit=" + bytes + " bytes must be >= 0");
    }
    HyperModel base = this;
    return new HyperModel() {
      @Override
      public Block build(Trial trial, Task task) {
        return base.build(trial, task);
      }

      @Override
      public TrainingPlan plan(Trial trial) {
        return base.plan(trial).withBatchMemoryLimit(bytes);
      }

      @Override
      public String toString() {
        return base + " (step memory limit " + bytes + " bytes)";
      }
    };
  }
}
