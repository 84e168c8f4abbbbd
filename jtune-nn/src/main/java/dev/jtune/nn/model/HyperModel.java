package dev.jtune.nn.model;

import ai.djl.nn.Block;
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
 * rebuilt from its stored parameters to reload its saved weights. They may be called from several
 * threads at once, for different trials.
 */
public interface HyperModel {

  /** The network for this trial; uninitialized (the trainer initializes it). */
  Block build(Trial trial, Task task);

  /** How to train this trial's network. */
  default TrainingPlan plan(Trial trial) {
    return TrainingPlan.defaults();
  }
}
