/**
 * The training loop ({@link dev.jtune.nn.train.FitLoop}) and what it reports: metrics
 * ({@link dev.jtune.nn.train.Metric}, {@link dev.jtune.nn.train.Evaluation}), per-epoch records and
 * listeners ({@link dev.jtune.nn.train.PruningListener} reports to a trial and stops pruned trials),
 * early stopping, and {@link dev.jtune.nn.train.TrainingObjective}, the study objective that
 * trains a {@link dev.jtune.nn.model.HyperModel}'s network on a validation split or k folds.
 */
package dev.jtune.nn.train;
