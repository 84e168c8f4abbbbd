/**
 * Pruners: stop hopeless trials early from their learning curves. {@link dev.jtune.pruner.Pruner}
 * returns a {@link dev.jtune.pruner.PruneDecision} that carries its reason and any bookkeeping to
 * store with the trial; its static factories give the median/percentile rule, asynchronous successive
 * halving, Hyperband, the threshold rule and the patience wrapper, each configured by a validated
 * record ({@link dev.jtune.pruner.PercentileConfig}, {@link dev.jtune.pruner.SuccessiveHalvingConfig},
 * {@link dev.jtune.pruner.HyperbandConfig}, {@link dev.jtune.pruner.ThresholdConfig},
 * {@link dev.jtune.pruner.PatientConfig}). Decisions depend only on stored data, so threads and
 * processes sharing a storage agree.
 */
package dev.jtune.pruner;
