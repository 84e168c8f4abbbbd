package dev.jtune.nn.train;

/**
 * Told about every finished epoch of a fit, on the fit's thread. Throwing stops the fit: a
 * {@link dev.jtune.trial.TrialPrunedException} propagates to the study, which marks the trial
 * PRUNED; the fit's native memory is released either way.
 */
@FunctionalInterface
public interface EpochListener {

  void onEpoch(EpochRecord record);
}
