/**
 * Learning-rate schedules ({@link dev.jtune.nn.schedule.LearningRateSchedule}: constant, step,
 * exponential, cosine with linear warm-up, one-cycle, reduce-on-plateau) and batch-size schedules
 * ({@link dev.jtune.nn.schedule.BatchSizeSchedule}), as values that start a per-fit tracker.
 */
package dev.jtune.nn.schedule;
