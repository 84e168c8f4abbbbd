package dev.jtune.nn.schedule;

/**
 * The learning rate of one fit, step by step. Made by {@link LearningRateSchedule#start}; steps are
 * optimizer updates counted from 0; epochs from 1. Not thread-safe: one per training loop.
 */
public interface RateTracker {

  /** The rate for update number {@code step} (from 0). */
  double at(int step);

  /**
   * Tells the tracker an epoch ended with this value of the monitored validation metric
   * ({@code higherIsBetter} for accuracy and AUC, not for losses and errors). Only
   * reduce-on-plateau listens.
   */
  default void endEpoch(int epoch, double monitored, boolean higherIsBetter) {}
}
